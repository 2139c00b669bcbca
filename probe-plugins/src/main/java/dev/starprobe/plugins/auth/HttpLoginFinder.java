package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.util.List;

/** The web login of an HTTP(S) service: a Basic/Digest challenge on "/", else a password form on "/" or a usual login page. */
final class HttpLoginFinder {
    private HttpLoginFinder() {
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        AuthHttp http = AuthHttp.of(ctx, svc);
        AuthHttp.Result root = http.get("/", null);
        String ch = root.header("www-authenticate");
        if (root.status() == 401 && (Digest.isBasic(ch) || Digest.isDigest(ch))) {
            return List.of(new Surfaces.HttpChallenge(http, "/", ch));
        }
        if (root.status() / 100 == 3) return List.of(); // e.g. a redirect to HTTPS: judged there
        if (root.status() == 200) {
            var f = Surfaces.HttpForm.find(http, "/", root.body());
            if (f.isPresent()) return List.of(f.get());
        }
        for (String path : Surfaces.LOGIN_PATHS) {
            AuthHttp.Result r = http.get(path, null);
            if (r.status() == 200) {
                var f = Surfaces.HttpForm.find(http, path, r.body());
                if (f.isPresent()) return List.of(f.get());
            }
        }
        return List.of();
    }
}
