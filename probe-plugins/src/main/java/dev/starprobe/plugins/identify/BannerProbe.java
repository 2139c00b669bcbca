package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.spi.ServiceProbe;
import dev.starprobe.spi.Session;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The passive probe (nmap's NULL probe): connect, send nothing, and match whatever the server says
 * first (SSH, Telnet, FTP, SMTP...). Cheapest and safest, so it runs first.
 */
public final class BannerProbe implements ServiceProbe {
    static final Duration TRAILER = Duration.ofMillis(250);
    static final int MAX = 2048;

    private final FingerprintDb db;

    public BannerProbe() {
        this(FingerprintDb.builtIn());
    }

    BannerProbe(FingerprintDb db) {
        this.db = db;
    }

    @Override
    public String id() {
        return "banner";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.protocol() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        return ctx.net().tcp(service.port()).thenCompose(s -> readBanner(s, ctx.ioTimeout()).whenComplete((b, e) -> s.close()))
                .thenApply(bytes -> {
                    if (bytes.length == 0) return Optional.<Service>empty();
                    String banner = Printable.banner(bytes);
                    return Optional.of(db.identify("banner", Printable.latin1(bytes))
                            .map(id -> service.identified(id.protocol(), false, id.product(), id.version(), banner,
                                    Map.of("fingerprint", id.fingerprintId())))
                            .orElse(service.identified(null, false, null, null, banner, Map.of())));
                });
    }

    /** The first segment within the wait plus whatever follows it shortly after, or nothing. */
    static CompletionStage<byte[]> readBanner(Session s, Duration wait) {
        return s.read(MAX, wait).thenCompose(first -> {
            if (first.length == 0 || first.length >= MAX) return CompletableFuture.completedFuture(first);
            return s.read(MAX - first.length, TRAILER).handle((more, e) -> e != null ? first : concat(first, more));
        }).exceptionally(e -> new byte[0]);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
