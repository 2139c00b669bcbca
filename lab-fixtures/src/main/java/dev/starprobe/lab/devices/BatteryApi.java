package dev.starprobe.lab.devices;

import dev.starprobe.lab.http.HttpExchange;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.proto.FlatJson;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * The battery's JSON API: GET /api/v1/status and POST /api/v1/control {"mode":"charge"|"discharge"|"idle"},
 * both with "Authorization: Bearer TOKEN" unless the status is open.
 */
final class BatteryApi {
    private final String token;
    private final boolean openStatus;
    private volatile String mode = "idle";

    BatteryApi(String token, boolean openStatus) {
        this.token = token;
        this.openStatus = openStatus;
    }

    String mode() {
        return mode;
    }

    HttpRoutes routes(String serial) {
        return new HttpRoutes()
                .get("/api/v1/status", ex -> openStatus || authorized(ex)
                        ? Responses.json(HttpResponseStatus.OK, "{\"serial\":\"" + serial + "\",\"soc\":76,\"power_w\":-1200,"
                                + "\"mode\":\"" + mode + "\",\"grid\":\"connected\"}")
                        : unauthorized())
                .post("/api/v1/control", this::control);
    }

    private FullHttpResponse control(HttpExchange ex) {
        boolean ok = authorized(ex);
        ex.service().login(ex.peer(), "bearer", ok);
        if (!ok) {
            ex.service().write(ex.peer(), "control refused", false);
            return unauthorized();
        }
        Map<String, String> m = FlatJson.parse(ex.body());
        String requested = m == null ? null : m.get("mode");
        if (requested == null || !(requested.equals("charge") || requested.equals("discharge") || requested.equals("idle"))) {
            ex.service().write(ex.peer(), "control malformed", false);
            return Responses.json(HttpResponseStatus.BAD_REQUEST, "{\"error\":\"mode must be charge, discharge or idle\"}");
        }
        mode = requested;
        ex.service().write(ex.peer(), "control mode=" + requested, true);
        return Responses.json(HttpResponseStatus.OK, "{\"mode\":\"" + mode + "\"}");
    }

    private boolean authorized(HttpExchange ex) {
        return ("Bearer " + token).equals(ex.header(HttpHeaderNames.AUTHORIZATION));
    }

    private static FullHttpResponse unauthorized() {
        FullHttpResponse r = Responses.json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"unauthorized\"}");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"battery\"");
        return r;
    }
}
