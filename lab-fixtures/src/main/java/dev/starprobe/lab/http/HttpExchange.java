package dev.starprobe.lab.http;

import dev.starprobe.lab.net.ServiceContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request as a handler sees it. */
public record HttpExchange(FullHttpRequest request, InetSocketAddress peer, ServiceContext service, boolean tls,
                           String localHost) {
    public String method() {
        return request.method().name();
    }

    public String path() {
        return new QueryStringDecoder(request.uri()).path();
    }

    public String header(CharSequence name) {
        return request.headers().get(name);
    }

    public String body() {
        return request.content().toString(StandardCharsets.UTF_8);
    }

    /** Query parameters and, for url-encoded POST bodies, form fields (first value of each). */
    public Map<String, String> params() {
        Map<String, String> m = new HashMap<>();
        new QueryStringDecoder(request.uri()).parameters().forEach((k, v) -> m.put(k, v.get(0)));
        String ct = header(HttpHeaderNames.CONTENT_TYPE);
        if (ct != null && ct.startsWith("application/x-www-form-urlencoded")) {
            new QueryStringDecoder(body(), StandardCharsets.UTF_8, false).parameters()
                    .forEach((k, v) -> m.put(k, v.get(0)));
        }
        return m;
    }

    public String cookie(String name) {
        String h = header(HttpHeaderNames.COOKIE);
        if (h == null) return null;
        for (Cookie c : ServerCookieDecoder.LAX.decode(h)) {
            if (c.name().equals(name)) return c.value();
        }
        return null;
    }

    /** The Host header's host, or the local address. */
    public String host() {
        String h = header(HttpHeaderNames.HOST);
        if (h == null || h.isBlank()) return localHost;
        return h.startsWith("[") || h.indexOf(':') < 0 ? h : h.substring(0, h.indexOf(':'));
    }

    public List<String> headers(CharSequence name) {
        return request.headers().getAll(name);
    }
}
