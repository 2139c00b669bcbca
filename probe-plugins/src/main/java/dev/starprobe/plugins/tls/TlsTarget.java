package dev.starprobe.plugins.tls;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckTarget;

import java.time.Duration;

/** What the TLS checks share about the service they run on. */
final class TlsTarget {
    /** Upper bound for one handshake: a stalled server costs at most this per connection. */
    static final Duration MAX_HANDSHAKE = Duration.ofSeconds(5);

    private TlsTarget() {
    }

    static Applicability appliesTo(CheckTarget t) {
        Service s = t.service();
        if (s == null) return Applicability.no("no service");
        if (s.transport() != Transport.TCP) return Applicability.no("service " + s.ref() + " is not TCP");
        if (!s.tls()) return Applicability.no("service " + s.ref() + " does not speak TLS (no TLS handshake succeeded when it was identified)");
        return Applicability.yes();
    }

    static int port(CheckContext ctx) {
        return ctx.service().orElseThrow().port();
    }

    static String where(CheckContext ctx) {
        return "port " + port(ctx) + "/tcp";
    }

    static Duration handshakeTimeout(CheckContext ctx) {
        Duration io = ctx.options().ioTimeout();
        return io.compareTo(MAX_HANDSHAKE) < 0 ? io : MAX_HANDSHAKE;
    }

    /** A host name for SNI when the device has one; IP literals are never sent (RFC 6066 section 3). */
    static String serverName(CheckContext ctx) {
        return ctx.device().names().stream()
                .filter(n -> !n.isBlank() && !n.matches("[0-9.]+") && !n.contains(":") && n.contains("."))
                .findFirst().orElse(null);
    }

    static HelloProbe probe(CheckContext ctx) {
        return new HelloProbe(ctx.net(), port(ctx), handshakeTimeout(ctx), Suites.builtIn());
    }
}
