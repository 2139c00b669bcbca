package dev.starprobe.lab.http;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Routes by method and exact path; unknown paths get 404, known paths with another method 405. */
public final class HttpRoutes implements HttpHandler {
    private final Map<String, Map<String, HttpHandler>> routes = new LinkedHashMap<>();
    private HttpHandler fallback = ex -> Responses.notFound();

    public HttpRoutes get(String path, HttpHandler h) {
        return on("GET", path, h);
    }

    public HttpRoutes post(String path, HttpHandler h) {
        return on("POST", path, h);
    }

    public HttpRoutes put(String path, HttpHandler h) {
        return on("PUT", path, h);
    }

    public HttpRoutes on(String method, String path, HttpHandler h) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, h);
        if ("GET".equals(method)) routes.get(path).putIfAbsent("HEAD", h);
        return this;
    }

    public HttpRoutes otherwise(HttpHandler h) {
        this.fallback = h;
        return this;
    }

    @Override
    public FullHttpResponse handle(HttpExchange ex) throws Exception {
        Map<String, HttpHandler> byMethod = routes.get(ex.path());
        if (byMethod == null) return fallback.handle(ex);
        HttpHandler h = byMethod.get(ex.method());
        return h == null ? Responses.methodNotAllowed() : h.handle(ex);
    }
}
