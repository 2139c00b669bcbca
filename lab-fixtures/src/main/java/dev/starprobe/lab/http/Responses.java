package dev.starprobe.lab.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Small factory of HTTP responses. */
public final class Responses {
    private Responses() {}

    public static FullHttpResponse of(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (contentType != null) r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return r;
    }

    public static FullHttpResponse html(HttpResponseStatus status, String body) {
        return of(status, "text/html; charset=utf-8", body);
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        return of(status, "text/plain; charset=utf-8", body);
    }

    public static FullHttpResponse json(HttpResponseStatus status, String body) {
        return of(status, "application/json", body);
    }

    public static FullHttpResponse xml(HttpResponseStatus status, String body) {
        return of(status, "text/xml; charset=\"utf-8\"", body);
    }

    public static FullHttpResponse soap(HttpResponseStatus status, String body) {
        return of(status, "application/soap+xml; charset=utf-8", body);
    }

    public static FullHttpResponse redirect(HttpResponseStatus status, String location) {
        FullHttpResponse r = html(status, "<html><body>Moved to <a href=\"" + location + "\">" + location + "</a></body></html>");
        r.headers().set(HttpHeaderNames.LOCATION, location);
        return r;
    }

    public static FullHttpResponse unauthorized(String challenge) {
        FullHttpResponse r = html(HttpResponseStatus.UNAUTHORIZED, "<html><body><h1>401 Unauthorized</h1></body></html>");
        if (challenge != null) r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        return r;
    }

    /** 429 with Retry-After, the hardened devices' lockout answer. */
    public static FullHttpResponse locked(long retryAfterSeconds) {
        FullHttpResponse r = html(HttpResponseStatus.TOO_MANY_REQUESTS,
                "<html><body><h1>Too many failed logins</h1><p>Try again later.</p></body></html>");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        return r;
    }

    public static FullHttpResponse notFound() {
        return html(HttpResponseStatus.NOT_FOUND, "<html><body><h1>404 Not Found</h1></body></html>");
    }

    public static FullHttpResponse methodNotAllowed() {
        return html(HttpResponseStatus.METHOD_NOT_ALLOWED, "<html><body><h1>405 Method Not Allowed</h1></body></html>");
    }
}
