package dev.starprobe.plugins.auth;

import dev.starprobe.spi.CheckContext;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HTTP(S) for login attempts, on the engine's guarded sockets (scope, budget and transcripts apply).
 * TLS does not verify the certificate: judging it is the TLS checks' job, and a login test against a
 * self-signed LAN page must still run. Redirects are never followed; bodies are capped.
 */
final class AuthHttp {
    static final long BODY_CAP = 64 * 1024;

    /** @param millis the device's answer time (see {@link AnswerTimer}) */
    record Result(int status, Map<String, List<String>> headers, String body, long millis) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        boolean setsCookie() {
            return headers.containsKey("set-cookie");
        }

        String summary() {
            return status + (header("set-cookie") != null ? " with Set-Cookie" : "")
                    + (header("location") != null ? " -> " + header("location") : "") + ", " + body.length() + " bytes";
        }
    }

    private final OkHttpClient client;
    private final InetAddress device;
    private final int port;
    private final boolean tls;

    AuthHttp(CheckContext ctx, int port, boolean tls) {
        this.device = ctx.device().address();
        this.port = port;
        this.tls = tls;
        Duration io = ctx.options().ioTimeout();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .socketFactory(ctx.net().socketFactory())
                .dns(host -> List.of(device))
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
                .connectTimeout(io).readTimeout(io).callTimeout(io.multipliedBy(3));
        if (tls) dev.starprobe.plugins.http.UncheckedTls.apply(b);
        this.client = b.build();
    }

    /** For {@code svc}: HTTPS when identification saw TLS or named it https. */
    static AuthHttp of(CheckContext ctx, dev.starprobe.model.Service svc) {
        return new AuthHttp(ctx, svc.port(), svc.tls() || "https".equals(svc.protocol()));
    }

    String url(String path) {
        return (tls ? "https" : "http") + "://" + device.getHostAddress() + ":" + port + path;
    }

    Result get(String path, String authorization) throws IOException {
        return call("GET", path, authorization, null);
    }

    Result post(String path, Map<String, String> form) throws IOException {
        FormBody.Builder fb = new FormBody.Builder();
        form.forEach(fb::add);
        return call("POST", path, null, fb.build());
    }

    Result post(String path, String contentType, String body) throws IOException {
        return call("POST", path, null, RequestBody.create(body, okhttp3.MediaType.get(contentType)));
    }

    private Result call(String method, String path, String authorization, RequestBody body) throws IOException {
        HttpUrl url = new HttpUrl.Builder().scheme(tls ? "https" : "http").host(device.getHostAddress()).port(port)
                .encodedPath(path.startsWith("/") ? path : "/" + path).build();
        Request.Builder rb = new Request.Builder().url(url).header("User-Agent", "StarProbe").method(method, body);
        if (authorization != null) rb.header("Authorization", authorization);
        AnswerTimer timer = new AnswerTimer();
        try (Response r = client.newBuilder().eventListener(timer).build().newCall(rb.build()).execute()) {
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            for (var name : r.headers().names()) headers.put(name.toLowerCase(Locale.ROOT), r.headers(name));
            String text = r.peekBody(BODY_CAP).string();
            return new Result(r.code(), headers, text, timer.millis());
        }
    }

    /**
     * The device's answer time: from the last byte of the request to the first of the response, so that
     * connection set-up and the TLS handshake (new for every request) do not drown what the device did.
     */
    private static final class AnswerTimer extends EventListener {
        private final long start = System.nanoTime();
        private volatile long sent;
        private volatile long answered;

        @Override
        public void requestHeadersEnd(Call call, Request request) {
            sent = System.nanoTime();
        }

        @Override
        public void requestBodyEnd(Call call, long byteCount) {
            sent = System.nanoTime();
        }

        @Override
        public void responseHeadersStart(Call call) {
            answered = System.nanoTime();
        }

        long millis() {
            long from = sent == 0 ? start : sent;
            long to = answered == 0 ? System.nanoTime() : answered;
            return Math.max(0, (to - from) / 1_000_000);
        }
    }
}
