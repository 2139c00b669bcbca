package dev.starprobe.plugins.dtls;

import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.ServiceRef;
import dev.starprobe.model.Transport;
import dev.starprobe.spi.CheckContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the DTLS checks look. The engine's port scan covers TCP only, so the DTLS checks are
 * device-level and probe the UDP ports of the setting {@value #SETTING} (default 5684, CoAP over
 * DTLS), plus any UDP service the engine lists as TLS-speaking.
 */
final class DtlsTargets {
    static final String SETTING = "dtls.ports";
    static final List<Integer> DEFAULT_PORTS = List.of(5684);
    /** Per DTLS handshake: covers the cookie round trip and two retransmissions. */
    static final Duration HANDSHAKE = Duration.ofSeconds(3);

    private DtlsTargets() {
    }

    static List<Integer> ports(CheckContext ctx) {
        Set<Integer> out = new LinkedHashSet<>();
        String v = ctx.options().setting(SETTING).orElse(null);
        if (v == null || v.isBlank()) {
            out.addAll(DEFAULT_PORTS);
        } else {
            for (String p : v.split(",")) {
                String t = p.trim();
                if (t.matches("\\d{1,5}") && Integer.parseInt(t) > 0 && Integer.parseInt(t) < 65536) out.add(Integer.parseInt(t));
            }
        }
        for (Service s : ctx.services()) if (s.transport() == Transport.UDP && s.tls()) out.add(s.port());
        return new ArrayList<>(out);
    }

    static Duration handshake(CheckContext ctx) {
        Duration io = ctx.options().ioTimeout();
        return io.compareTo(HANDSHAKE) < 0 ? io : HANDSHAKE;
    }

    static ServiceRef ref(int port) {
        return new ServiceRef(Transport.UDP, port, "dtls");
    }

    static String where(int port) {
        return "port " + port + "/udp";
    }

    /** Device-level findings still name the UDP endpoint they are about. */
    static List<Finding> about(int port, List<Finding> findings) {
        ServiceRef ref = ref(port);
        return findings.stream().map(f -> new Finding(f.checkId(), f.title(), f.requirements(), f.verdict(), f.severity(),
                f.reason(), ref, f.evidence())).toList();
    }
}
