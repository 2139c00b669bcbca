package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckTarget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which login surfaces the credential checks look for on which services: the one dispatch shared by
 * auth.default-credentials and auth.brute-force. Adding a surface is one class and one line here; both
 * checks' descriptors take their protocols from this list. On one service the surfaces come in this
 * order, so the first is the service's main login (the one a brute-force burst measures).
 */
final class SurfaceRegistry {
    /** IANA secure-mqtt: a TLS service there is MQTT even when identification could not see inside the TLS. */
    static final int MQTTS_PORT = 8883;

    private record Registration(Set<String> protocols, SurfaceFinder finder) {
    }

    private static final List<Registration> ALL = List.of(
            new Registration(Set.of("http", "https"), HttpLoginFinder::find),
            new Registration(Set.of("http", "https"), OnvifTokenSurface::find),
            new Registration(Set.of("http", "https"), JsonApiLoginSurface::find),
            new Registration(Set.of("telnet"), (ctx, svc) -> List.of(new Surfaces.Telnet(ctx, svc.port()))),
            new Registration(Set.of("rtsp"), SurfaceRegistry::rtsp),
            new Registration(Set.of("mqtt", "mqtts", "tls"), SurfaceRegistry::mqtt),
            new Registration(Set.of("snmp"), SnmpCommunitySurface::find),
            new Registration(Set.of("ssh"), SshPasswordSurface::find),
            new Registration(Set.of("ftp"), FtpLoginSurface::find));

    private SurfaceRegistry() {
    }

    /** The service protocols some surface is registered for ("tls" only counts on {@value #MQTTS_PORT}). */
    static String[] protocols() {
        Set<String> p = new LinkedHashSet<>();
        ALL.forEach(r -> p.addAll(r.protocols()));
        p.remove("tls");
        return p.toArray(String[]::new);
    }

    /** The descriptor's protocol rule, plus a TLS service on {@value #MQTTS_PORT}. */
    static Applicability appliesTo(CheckDescriptor d, CheckTarget target) {
        Service s = target.service();
        if (s != null && s.tls() && s.port() == MQTTS_PORT && "tls".equals(s.protocol())) return Applicability.yes();
        return d.applicability(target);
    }

    /** Every login surface on {@code svc}, main login first; empty when it asks for no credential. */
    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        String p = svc.protocol() == null ? "" : svc.protocol();
        List<LoginSurface> out = new ArrayList<>();
        for (Registration r : ALL) {
            if (r.protocols().contains(p)) out.addAll(r.finder().find(ctx, svc));
        }
        return out;
    }

    private static List<LoginSurface> rtsp(CheckContext ctx, Service svc) throws IOException {
        int port = svc.port();
        String uri = "rtsp://" + ctx.device().address().getHostAddress() + ":" + port + "/";
        String[] r = Surfaces.Rtsp.describe(ctx, port, uri, 1, null);
        String ch = Surfaces.Rtsp.header(r[1], "WWW-Authenticate");
        return Surfaces.Rtsp.status(r[0]) == 401 && ch != null ? List.of(new Surfaces.Rtsp(ctx, port, ch)) : List.of();
    }

    private static List<LoginSurface> mqtt(CheckContext ctx, Service svc) {
        String p = svc.protocol();
        if (p.equals("tls") && svc.port() != MQTTS_PORT) return List.of();
        return List.of(new Surfaces.Mqtt(ctx, svc.port(), svc.tls() || !p.equals("mqtt")));
    }
}
