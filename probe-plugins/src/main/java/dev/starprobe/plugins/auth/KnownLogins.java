package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.ScanOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The valid logins a check that must log in (not guess) may use on a service, best first: the credentials
 * supplied under the surface's kind or the service's protocol (--credential KIND=USER:SECRET, or the device's
 * inventory entry), the one named "default", a default password auth.default-credentials proved on this
 * service or elsewhere on the device ({@link AuthFacts#ACCEPTED_LOGIN}), then credentials supplied for
 * related services (e.g. an IP camera's web account, which its RTSP server usually shares), and the only
 * supplied credential. Whether one works is for the caller to show: a refused one proves nothing.
 */
public final class KnownLogins {
    /** A login and where it comes from (for the report; the password is never shown). */
    public record Login(ScanOptions.Credential credential, String source) {
        @Override
        public String toString() {
            return "'" + credential.user() + "' (" + source + ")";
        }
    }

    private KnownLogins() {
    }

    /** @param related names of credentials for related services, tried after the proved defaults */
    public static List<Login> candidates(CheckContext ctx, Service svc, String kind, List<String> related) {
        Map<String, ScanOptions.Credential> supplied = ctx.options().credentials();
        Map<String, Login> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        if (kind != null) names.add(kind);
        if (svc.protocol() != null) names.add(svc.protocol());
        names.add("default");
        for (String n : names) {
            ScanOptions.Credential c = supplied.get(n);
            if (c != null) add(out, new Login(c, "supplied credential '" + n + "'"));
        }
        Optional<AuthFacts.AcceptedLogin> here = ctx.facts().get(svc.ref(), AuthFacts.ACCEPTED_LOGIN);
        here.ifPresent(p -> add(out, proved(p)));
        ctx.facts().device(AuthFacts.ACCEPTED_LOGIN).ifPresent(p -> add(out, proved(p)));
        for (String n : related) {
            ScanOptions.Credential c = supplied.get(n);
            if (c != null) add(out, new Login(c, "supplied credential '" + n + "' of a related service"));
        }
        if (supplied.size() == 1) {
            var e = supplied.entrySet().iterator().next();
            add(out, new Login(e.getValue(), "the only supplied credential, '" + e.getKey() + "'"));
        }
        return List.copyOf(out.values());
    }

    private static Login proved(AuthFacts.AcceptedLogin p) {
        return new Login(new ScanOptions.Credential(p.user(), p.password()), "a default password accepted by " + p.where());
    }

    private static void add(Map<String, Login> out, Login l) {
        out.putIfAbsent(l.credential().user() + "\u0000" + l.credential().secret(), l);
    }
}
