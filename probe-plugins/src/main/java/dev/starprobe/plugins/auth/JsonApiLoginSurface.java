package dev.starprobe.plugins.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A vendor JSON login API (POST {"username": ..., "password": ...} answered with a token), at the endpoints
 * of the data file {@code json-login.yaml}. The signature compared with the baseline is the status, the
 * answer's top-level JSON member names and whether a cookie was set, never the values (a body that echoes
 * the submitted name must not look different).
 */
final class JsonApiLoginSurface implements LoginSurface {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> PRESENT = Set.of(400, 401, 403, 405, 415, 422);

    /** The data file. */
    record Patterns(List<Endpoint> endpoints, List<String> tokenKeys, List<String> wrappers, List<String> refusalKeys) {
        record Endpoint(String path, String user, String password) {
        }
    }

    static final Patterns PATTERNS = load();

    private final AuthHttp http;
    private final Patterns.Endpoint endpoint;
    private String notJson;

    private JsonApiLoginSurface(AuthHttp http, Patterns.Endpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        AuthHttp http = AuthHttp.of(ctx, svc);
        List<LoginSurface> out = new ArrayList<>();
        for (Patterns.Endpoint e : PATTERNS.endpoints()) {
            int status = http.get(e.path(), null).status();
            boolean refusedEverywhere = (status == 401 || status == 403) && blanket(http, e.path(), status);
            if (PRESENT.contains(status) && !refusedEverywhere) {
                out.add(new JsonApiLoginSurface(http, e));
                break; // one login API per service: its twins would only repeat the same account's attempts
            }
        }
        return out;
    }

    /**
     * Whether a 401/403 is an authentication filter in front of every path (a made-up sibling gets it too)
     * rather than the login route's own answer: then nothing says a login is there.
     */
    private static boolean blanket(AuthHttp http, String path, int status) throws IOException {
        String sibling = path.substring(0, path.lastIndexOf('/') + 1) + "sp-" + DefaultCredentialsCheck.randomToken(4);
        return http.get(sibling, null).status() == status;
    }

    @Override
    public String describe() {
        return "JSON login API POST " + http.url(endpoint.path());
    }

    @Override
    public String kind() {
        return "api";
    }

    @Override
    public Observation attempt(String user, String password) throws IOException {
        ObjectNode body = JSON.createObjectNode().put(endpoint.user(), user).put(endpoint.password(), password);
        AuthHttp.Result r = http.post(endpoint.path(), "application/json; charset=utf-8", body.toString());
        JsonNode answer = parse(r.body());
        if (answer == null || !answer.isObject()) {
            boolean lockout = Surfaces.lockoutStatus(r); // a lockout page need not be JSON: it is judged as a lockout
            if (!lockout) notJson = r.summary();
            return new Observation(r.status() + " not-json", false, lockout, r.summary() + ", not a JSON object");
        }
        Set<String> keys = new TreeSet<>();
        answer.fieldNames().forEachRemaining(keys::add);
        boolean refused = PATTERNS.refusalKeys().stream().anyMatch(answer::has)
                || answer.path("success").isBoolean() && !answer.path("success").asBoolean();
        boolean positive = r.status() / 100 == 2 && !refused && (r.setsCookie() || hasToken(answer));
        String signature = r.status() + " " + keys + (r.setsCookie() ? "+cookie" : "");
        return new Observation(signature, positive, Surfaces.lockoutStatus(r), r.summary() + ", members " + keys
                + (positive ? " with a session token" : ""));
    }

    /** A refusal that is no JSON may be a page that answers every path: then a PASS would rest on nothing. */
    @Override
    public String refusalDoubt() {
        return notJson == null ? null : "the endpoint did not answer as a JSON login API (" + notJson + ")";
    }

    private static boolean hasToken(JsonNode answer) {
        List<JsonNode> places = new ArrayList<>(List.of(answer));
        PATTERNS.wrappers().forEach(w -> places.add(answer.path(w)));
        for (JsonNode n : places) {
            for (String k : PATTERNS.tokenKeys()) {
                JsonNode v = n.path(k);
                if (v.isTextual() && !v.asText().isBlank()) return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Patterns load() {
        try (InputStream in = JsonApiLoginSurface.class.getResourceAsStream("/dev/starprobe/plugins/auth/json-login.yaml")) {
            if (in == null) throw new IllegalStateException("missing json-login.yaml");
            return new ObjectMapper(new YAMLFactory()).readValue(in, Patterns.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
