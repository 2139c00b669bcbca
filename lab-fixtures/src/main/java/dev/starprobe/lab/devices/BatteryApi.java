package dev.starprobe.lab.devices;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.http.HttpExchange;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.proto.FlatJson;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * The battery's JSON API, shaped like the installer apps' vendor APIs: POST /api/v1/login
 * {"username":..., "password":...} answers {"token":..., "expires_in":...} through the device's login gate
 * (401 {"error":...} when refused, 429 while locked out); GET /api/v1/status and POST /api/v1/control
 * {"mode":"charge"|"discharge"|"idle"} take "Authorization: Bearer TOKEN" unless the status is open.
 */
final class BatteryApi {
    private final String token;
    private final boolean openStatus;
    private final LoginGate gate;
    private volatile String mode = "idle";

    /** @param gate the accounts whose login hands out {@code token} */
    BatteryApi(String token, boolean openStatus, LoginGate gate) {
        this.token = token;
        this.openStatus = openStatus;
        this.gate = gate;
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
                .post("/api/v1/control", this::control)
                .post("/api/v1/login", this::login);
    }

    private FullHttpResponse login(HttpExchange ex) {
        Map<String, String> m = FlatJson.parse(ex.body());
        if (m == null || m.get("username") == null || m.get("password") == null) {
            return Responses.json(HttpResponseStatus.BAD_REQUEST, "{\"error\":\"username and password required\"}");
        }
        LoginGate.Outcome o = gate.attempt(ex.service(), ex.peer(), m.get("username"), m.get("password"));
        if (o == LoginGate.Outcome.LOCKED) return Responses.locked(gate.lockout().retryAfterSeconds(ex.peer().getAddress()));
        if (!o.ok()) return Responses.json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"invalid credentials\"}");
        return Responses.json(HttpResponseStatus.OK, "{\"token\":\"" + token + "\",\"expires_in\":3600}");
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
