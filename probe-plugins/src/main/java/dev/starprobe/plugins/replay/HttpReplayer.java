package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.wire.HttpWire;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.TranscriptRecorder;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP requests sent again byte for byte (only the changed fields and Content-Length differ). */
final class HttpReplayer implements Replayer {

    @Override
    public List<Freshness.Field> fields(ReplayRequest.Message m) {
        HttpWire.Message r = ((ReplayRequest.Http) m).request();
        List<Freshness.Field> out = new ArrayList<>();
        int q = r.target().indexOf('?');
        if (q >= 0) out.addAll(Freshness.inQuery(r.target().substring(q + 1)));
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach(h -> headers.putIfAbsent(h.name(), h.value()));
        out.addAll(Freshness.inHeaders(headers));
        out.addAll(Freshness.inBody(r.bodyText()));
        return out;
    }

    @Override
    public ReplayRequest.Message alter(ReplayRequest.Message m, Map<Freshness.Field, String> changes) {
        HttpWire.Message r = ((ReplayRequest.Http) m).request();
        String target = r.target();
        int q = target.indexOf('?');
        if (q >= 0) target = target.substring(0, q + 1) + Freshness.apply(target.substring(q + 1), only(changes, Freshness.Place.QUERY));
        List<HttpWire.Header> headers = new ArrayList<>();
        for (HttpWire.Header h : r.headers()) {
            String v = h.value();
            for (var e : changes.entrySet()) {
                if (!e.getKey().name().equalsIgnoreCase(h.name()) && !(e.getKey().place() == Freshness.Place.DIGEST
                        && h.name().equalsIgnoreCase("Authorization"))) continue;
                if (e.getKey().place() == Freshness.Place.HEADER) v = e.getValue();
                if (e.getKey().place() == Freshness.Place.DIGEST) v = Freshness.apply(v, Map.of(e.getKey(), e.getValue()));
            }
            headers.add(new HttpWire.Header(h.name(), v));
        }
        Map<Freshness.Field, String> body = new LinkedHashMap<>(only(changes, Freshness.Place.JSON));
        body.putAll(only(changes, Freshness.Place.FORM));
        byte[] newBody = body.isEmpty() ? r.body() : Freshness.apply(r.bodyText(), body).getBytes(StandardCharsets.UTF_8);
        return new ReplayRequest.Http(new HttpWire.Message(r.method(), target, r.version(), 0, "", headers, newBody, 0, 0));
    }

    private static Map<Freshness.Field, String> only(Map<Freshness.Field, String> changes, Freshness.Place place) {
        Map<Freshness.Field, String> out = new LinkedHashMap<>();
        changes.forEach((f, v) -> {
            if (f.place() == place) out.put(f, v);
        });
        return out;
    }

    @Override
    public Decision send(CheckContext ctx, ReplayRequest r, ReplayRequest.Message m) throws IOException {
        HttpWire.Message req = ((ReplayRequest.Http) m).request();
        HttpWire.Message resp = exchange(ctx, r.port(), r.secure(), HttpWire.serialize(req, req.headers(), req.target(), req.body()));
        return resp == null ? Decision.unknown("no HTTP response") : Judge.http((ReplayRequest.HttpAnswer) r.original(), resp.status(), resp.bodyText());
    }

    /** GET of a state page: "STATUS body". */
    static String observe(CheckContext ctx, ReplayRequest.HttpOracle o) throws IOException {
        StringBuilder sb = new StringBuilder("GET ").append(o.path()).append(" HTTP/1.1\r\nHost: ")
                .append(ctx.device().address().getHostAddress()).append(':').append(o.port()).append("\r\n");
        for (HttpWire.Header h : o.headers()) sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        sb.append("Connection: close\r\n\r\n");
        HttpWire.Message resp = exchange(ctx, o.port(), o.tls(), sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        return resp == null ? "(no response)" : resp.status() + " " + resp.bodyText();
    }

    /** One request on a new connection (HTTP or RTSP); the parsed answer, or null when none came. */
    static HttpWire.Message exchange(CheckContext ctx, int port, boolean tls, byte[] request) throws IOException {
        try (Socket s = Links.tcp(ctx, port, tls)) {
            TranscriptRecorder plain = tls ? ctx.net().recorder(ctx.device().address().getHostAddress() + ":" + port + " (HTTP inside TLS)") : null;
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            if (plain != null) plain.sent(request);
            byte[] answer = Links.readUntil(s, HttpReplayer::complete);
            if (plain != null && answer.length > 0) plain.received(answer);
            return HttpWire.parse(answer, 0, false);
        }
    }

    private static boolean complete(byte[] b) {
        HttpWire.Message m = HttpWire.parse(b, 0, false);
        if (m == null) return false;
        int st = m.status();
        // RTSP: no Content-Length means no body (RFC 2326 12.14), not a body to the end of the connection
        return m.rtsp() || m.header("Content-Length") != null || m.header("Transfer-Encoding") != null || st == 204 || st == 304 || st < 200;
    }
}
