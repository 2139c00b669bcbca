package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.http.HeadBlock;
import dev.starprobe.spi.ServiceProbe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sends {@code GET / HTTP/1.0} to a silent port and identifies HTTP (and RTSP, which answers HTTP
 * requests with its own status line) by what comes back, whatever the port number.
 */
public final class HttpProbe implements ServiceProbe {
    static final int MAX = 16 * 1024;
    private final FingerprintDb db;

    public HttpProbe() {
        this(FingerprintDb.builtIn());
    }

    HttpProbe(FingerprintDb db) {
        this.db = db;
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.protocol() == null && service.banner() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        String host = ctx.device().address().getHostAddress();
        byte[] req = ("GET / HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: StarProbe\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Duration wait = ctx.ioTimeout();
        return ctx.net().tcp(service.port()).thenCompose(s -> s.write(req)
                .thenCompose(v -> s.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), MAX, wait))
                .whenComplete((b, e) -> s.close()))
                .thenApply(bytes -> identifyResponse(service, bytes));
    }

    Optional<Service> identifyResponse(Service service, byte[] bytes) {
        String text = Printable.latin1(bytes);
        return db.identify("http", text).map(id -> {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("fingerprint", id.fingerprintId());
            HeadBlock head = HeadBlock.parse(text);
            if (head != null) {
                attrs.put("http.status", String.valueOf(head.status()));
                head.header("server").ifPresent(v -> attrs.put("http.server", v));
                head.header("www-authenticate").ifPresent(v -> attrs.put("http.auth", v));
                head.header("location").ifPresent(v -> attrs.put("http.location", v));
            }
            String statusLine = text.lines().findFirst().orElse("");
            return service.identified(id.protocol(), false, id.product(), id.version(), Printable.banner(
                    statusLine.getBytes(StandardCharsets.ISO_8859_1)), attrs);
        });
    }
}
