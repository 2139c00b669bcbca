package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.http.HeadBlock;
import dev.starprobe.plugins.tls.HelloProbe;
import dev.starprobe.plugins.tls.TlsHandshake;
import dev.starprobe.spi.ServiceProbe;
import dev.starprobe.spi.Session;
import org.bouncycastle.asn1.x509.Certificate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Identifies TLS by completing a handshake (broad offer), then looks inside: an HTTP answer makes
 * it "https". Runs after the plaintext probes found nothing.
 */
public final class TlsProbe implements ServiceProbe {
    private final FingerprintDb db;

    public TlsProbe() {
        this(FingerprintDb.builtIn());
    }

    TlsProbe(FingerprintDb db) {
        this.db = db;
    }

    @Override
    public String id() {
        return "tls";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.protocol() == null && service.banner() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        return ctx.net().tcp(service.port()).thenCompose(s -> CompletableFuture
                .supplyAsync(() -> handshake(ctx, s, service), ctx.blockingExecutor())
                .whenComplete((r, e) -> s.close()));
    }

    private Optional<Service> handshake(ProbeContext ctx, Session s, Service service) {
        TlsHandshake.Result r;
        try {
            r = TlsHandshake.run(s.inputStream(), s.outputStream(), TlsHandshake.allTls(), TlsHandshake.BROAD_SUITES);
        } catch (Exception e) {
            s.close();
            return helloOnly(ctx, service);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("tls.version", r.version());
        attrs.put("tls.cipherSuite", String.format("0x%04x", r.cipherSuite()));
        Certificate leaf = r.leaf();
        if (leaf != null) {
            attrs.put("tls.subject", leaf.getSubject().toString());
            attrs.put("tls.issuer", leaf.getIssuer().toString());
        }
        String protocol = "tls";
        try {
            String host = ctx.device().address().getHostAddress();
            r.protocol().getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: StarProbe\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = readSome(r.protocol().getInputStream(), 8192);
            String text = Printable.latin1(head);
            HeadBlock hb = HeadBlock.parse(text);
            if (hb != null && hb.protocol().startsWith("HTTP")) {
                protocol = "https";
                attrs.put("http.status", String.valueOf(hb.status()));
                hb.header("server").ifPresent(v -> attrs.put("http.server", v));
                hb.header("x-powered-by").ifPresent(v -> attrs.put("http.poweredBy", v));
                hb.header("www-authenticate").ifPresent(v -> attrs.put("http.auth", v));
                db.identify("http", text).ifPresent(id -> attrs.put("fingerprint", id.fingerprintId()));
            }
        } catch (Exception e) {
            // TLS without HTTP inside (MQTT over TLS, RTSPS...): still TLS
        } finally {
            try {
                r.protocol().close();
            } catch (Exception ignored) {
                // the session is closed by the caller anyway
            }
        }
        return Optional.of(service.identified(protocol, true, attrs.get("http.server"), null, null, attrs));
    }

    /**
     * The library could not finish a handshake: the service may still speak TLS with only suites or
     * versions no current library implements (RC4, export, SSLv3). One ClientHello offering all of
     * them tells; a ServerHello makes it a TLS service, so the TLS checks run on it.
     */
    private static Optional<Service> helloOnly(ProbeContext ctx, Service service) {
        try {
            java.time.Duration t = ctx.ioTimeout().compareTo(java.time.Duration.ofSeconds(5)) < 0 ? ctx.ioTimeout() : java.time.Duration.ofSeconds(5);
            HelloProbe.Result r = HelloProbe.broad(ctx.net(), service.port(), t);
            if (!r.answered()) return Optional.empty();
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("tls.version", r.flight().hello().versionLabel());
            attrs.put("tls.cipherSuite", String.format("0x%04x", r.flight().hello().suite()));
            attrs.put("tls.handshake", "ServerHello only: no complete handshake with a current TLS library");
            return Optional.of(service.identified("tls", true, null, null, null, attrs));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static byte[] readSome(InputStream in, int max) throws java.io.IOException {
        byte[] buf = new byte[max];
        int n = 0;
        while (n < max) {
            int r = in.read(buf, n, max - n);
            if (r < 0) break;
            n += r;
            if (Printable.latin1(java.util.Arrays.copyOf(buf, n)).contains("\r\n\r\n")) break;
        }
        return java.util.Arrays.copyOf(buf, n);
    }
}
