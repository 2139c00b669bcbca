package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.auth.Digest;
import dev.starprobe.plugins.replay.wire.HttpWire;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;

/** One HTTP or RTSP service of the device, for the protocol-native replay tests: every request on a new connection. */
final class NativeLink {
    private final CheckContext ctx;
    private final int port;
    private final boolean tls;

    NativeLink(CheckContext ctx, int port, boolean tls) {
        this.ctx = ctx;
        this.port = port;
        this.tls = tls;
    }

    boolean tls() {
        return tls;
    }

    /** The Host header value / authority. */
    String authority() {
        return ctx.device().address().getHostAddress() + ":" + port;
    }

    String url(String path) {
        return (tls ? "https://" : "http://") + authority() + path;
    }

    HttpWire.Message exchange(byte[] request) throws IOException {
        return HttpReplayer.exchange(ctx, port, tls, request);
    }

    Judge.Answer send(byte[] request) throws IOException {
        HttpWire.Message m = exchange(request);
        if (m == null) return null;
        boolean throttled = m.status() == 429 || m.status() == 423 || m.header("Retry-After") != null;
        return new Judge.Answer(m.status(), m.bodyText(), throttled);
    }

    /** The Digest challenge of a 401 if it offers one (several WWW-Authenticate headers may), else its Basic one, else null. */
    static String challenge(HttpWire.Message m) {
        if (m == null || m.status() != 401) return null;
        String basic = null;
        for (HttpWire.Header h : m.headers()) {
            if (!h.name().equalsIgnoreCase("WWW-Authenticate")) continue;
            if (Digest.isDigest(h.value())) return h.value();
            if (Digest.isBasic(h.value()) && basic == null) basic = h.value();
        }
        return basic;
    }
}
