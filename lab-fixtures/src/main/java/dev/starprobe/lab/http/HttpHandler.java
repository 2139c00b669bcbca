package dev.starprobe.lab.http;

import io.netty.handler.codec.http.FullHttpResponse;

/** Turns one request into one response. Runs on the device's event loop: never block. */
@FunctionalInterface
public interface HttpHandler {
    FullHttpResponse handle(HttpExchange exchange) throws Exception;
}
