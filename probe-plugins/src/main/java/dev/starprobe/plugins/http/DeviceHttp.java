package dev.starprobe.plugins.http;

import dev.starprobe.spi.CheckContext;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * HTTP towards the device under test with OkHttp, on the engine's guarded sockets: every request
 * is scope-checked, budgeted and transcribed. Bodies are capped; redirects are never followed
 * automatically (a check decides what a redirect means).
 */
public final class DeviceHttp {
    public static final long BODY_CAP = 64 * 1024;

    /** What a request returned; header names lower-case, first value only. */
    public record Result(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final OkHttpClient client;
    private final OkHttpClient tlsClient;
    private final InetAddress device;

    public DeviceHttp(CheckContext ctx) {
        this.device = ctx.device().address();
        Duration io = ctx.options().ioTimeout();
        this.client = new OkHttpClient.Builder()
                .socketFactory(ctx.net().socketFactory())
                .dns(host -> List.of(device)) // never resolve: the device is the only host
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(io)
                .readTimeout(io)
                .callTimeout(io.multipliedBy(3))
                .build();
        this.tlsClient = UncheckedTls.apply(client.newBuilder()).build();
    }

    public Result get(int port, String path) throws IOException {
        return get(port, false, path);
    }

    /**
     * GET over plain HTTP or, with {@code tls}, HTTPS (the certificate is not judged here). The body is
     * asked for uncompressed, so transcripts show what the device sent in readable form.
     */
    public Result get(int port, boolean tls, String path) throws IOException {
        HttpUrl url = new HttpUrl.Builder().scheme(tls ? "https" : "http").host(device.getHostAddress()).port(port)
                .encodedPath(path.startsWith("/") ? path : "/" + path).build();
        Request req = new Request.Builder().url(url).header("User-Agent", "StarProbe").header("Accept-Encoding", "identity").build();
        try (Response r = (tls ? tlsClient : client).newCall(req).execute()) {
            Map<String, String> headers = new TreeMap<>();
            for (var name : r.headers().names()) headers.put(name.toLowerCase(Locale.ROOT), r.header(name));
            return new Result(r.code(), headers, r.peekBody(BODY_CAP).string());
        }
    }
}
