package dev.starprobe.plugins.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.plugins.replay.wire.CoapWire;
import dev.starprobe.plugins.replay.wire.HttpWire;
import dev.starprobe.plugins.replay.wire.MqttWire;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written by hand (docs/replay.md): for traffic the capture holds only encrypted, or to name the
 * freshness fields, the state oracle, the login and the legitimate answer of a captured request
 * ({@code from-capture: "#3"}).
 */
public final class ReplayTemplate {
    /** An entry that amends a captured request rather than defining a new one. */
    public record Amendment(String captureId, List<Freshness.Field> freshness, ReplayRequest.Oracle oracle, String credential,
                            ReplayRequest.Original original) {
    }

    public record Parsed(List<ReplayRequest> requests, List<Amendment> amendments) {
    }

    private ReplayTemplate() {
    }

    public static Parsed load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable YAML template: " + e.getMessage(), e);
        }
        if (root == null || !root.path("requests").isArray()) throw new IOException(file + ": a template needs a 'requests' list");
        ReplayRequest.Origin origin = new ReplayRequest.Origin(file, dev.starprobe.plugins.replay.capture.CaptureHash.of(file), false);
        List<ReplayRequest> requests = new ArrayList<>();
        List<Amendment> amendments = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root.path("requests")) {
            i++;
            String where = file + ": request " + i;
            try {
                Proto proto = proto(n.path("protocol").asText(""), where);
                List<Freshness.Field> fresh = freshness(n.path("freshness"), where);
                ReplayRequest.Oracle oracle = oracle(n.path("oracle"), where);
                String credential = text(n, "credential");
                ReplayRequest.Original original = original(proto, n.path("original"));
                if (n.has("from-capture")) {
                    amendments.add(new Amendment(n.path("from-capture").asText(), fresh, oracle, credential, original));
                    continue;
                }
                String name = n.path("name").asText("template-" + i);
                boolean secure = n.path("secure").asBoolean(false);
                int port = n.path("port").asInt(defaultPort(proto, secure));
                if (port < 1 || port > 65535) throw new IOException(where + ": port " + port + " is out of range");
                // required: a command in a template must never go to every device a scan reaches
                InetAddress target = InetAddress.getByName(literal(require(n, "target", where), where));
                ReplayRequest.Message m = message(proto, n, where);
                requests.add(new ReplayRequest(name, proto, target, port, secure, false, 0, origin, List.of(), summary(m), m, original,
                        fresh, oracle, credential));
            } catch (RuntimeException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        return new Parsed(requests, amendments);
    }

    private static String literal(String host, String where) throws IOException {
        // addresses only: a template never makes the probe resolve names
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) throw new IOException(where + ": target must be an IP address, not '" + host + "'");
        return host;
    }

    private static Proto proto(String p, String where) throws IOException {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "http", "https" -> Proto.HTTP;
            case "mqtt", "mqtts" -> Proto.MQTT;
            case "coap", "coaps" -> Proto.COAP;
            default -> throw new IOException(where + ": protocol must be http, mqtt or coap, not '" + p + "'");
        };
    }

    private static int defaultPort(Proto p, boolean secure) {
        return switch (p) {
            case HTTP -> secure ? 443 : 80;
            case MQTT -> secure ? 8883 : 1883;
            case COAP -> secure ? 5684 : 5683;
            default -> 0;
        };
    }

    private static ReplayRequest.Message message(Proto proto, JsonNode n, String where) throws IOException {
        switch (proto) {
            case HTTP -> {
                List<HttpWire.Header> headers = new ArrayList<>();
                n.path("headers").fields().forEachRemaining(e -> headers.add(new HttpWire.Header(e.getKey(), e.getValue().asText())));
                if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) headers.add(0, new HttpWire.Header("Host", "device"));
                byte[] body = n.path("body").asText("").getBytes(StandardCharsets.UTF_8);
                return new ReplayRequest.Http(new HttpWire.Message(n.path("method").asText("POST").toUpperCase(Locale.ROOT),
                        require(n, "path", where), "HTTP/1.1", 0, "", headers, body, 0, 0));
            }
            case MQTT -> {
                List<String> subs = new ArrayList<>();
                n.path("subscribe").forEach(s -> subs.add(s.asText()));
                MqttWire.Publish p = new MqttWire.Publish(require(n, "topic", where), n.path("payload").asText("").getBytes(StandardCharsets.UTF_8),
                        Math.min(1, Math.max(0, n.path("qos").asInt(0))), n.path("retain").asBoolean(false), false, 1);
                return new ReplayRequest.Mqtt(new MqttWire.Connect(n.path("mqtt-level").asInt(4), "", null, null, 30), p, subs);
            }
            default -> {
                int code = switch (n.path("method").asText("POST").toUpperCase(Locale.ROOT)) {
                    case "GET" -> 1;
                    case "PUT" -> 3;
                    case "DELETE" -> 4;
                    default -> 2;
                };
                CoapWire.Message path = CoapWire.get(require(n, "path", where), 0, new byte[0]);
                return new ReplayRequest.Coap(new CoapWire.Message(CoapWire.CON, code, 0, new byte[4], path.options(),
                        n.path("payload").asText("").getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    static String summary(ReplayRequest.Message m) {
        if (m instanceof ReplayRequest.Http h) return h.request().method() + " " + h.request().target();
        if (m instanceof ReplayRequest.Mqtt q) return "PUBLISH " + q.publish().topic();
        if (m instanceof ReplayRequest.Coap c) return c.request().method() + " " + c.request().path();
        return ((ReplayRequest.Raw) m).bytes().length + " bytes";
    }

    private static List<Freshness.Field> freshness(JsonNode n, String where) throws IOException {
        List<Freshness.Field> out = new ArrayList<>();
        for (JsonNode f : n) {
            String kind = f.path("kind").asText("");
            Freshness.Kind k;
            try {
                k = Freshness.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": freshness kind must be timestamp, nonce, sequence or signature, not '" + kind + "'");
            }
            out.add(new Freshness.Field(Freshness.Place.JSON, require(f, "field", where), k, ""));
        }
        return out;
    }

    private static ReplayRequest.Oracle oracle(JsonNode n, String where) throws IOException {
        if (n.isMissingNode() || n.isNull()) return null;
        boolean change = n.path("expect-change").asBoolean(false);
        if (n.has("http")) {
            JsonNode h = n.path("http");
            List<HttpWire.Header> headers = new ArrayList<>();
            h.path("headers").fields().forEachRemaining(e -> headers.add(new HttpWire.Header(e.getKey(), e.getValue().asText())));
            return new ReplayRequest.HttpOracle(h.path("port").asInt(80), h.path("tls").asBoolean(false), require(h, "path", where), headers, change);
        }
        if (n.has("mqtt")) return new ReplayRequest.MqttOracle(n.path("mqtt").path("topic").asText(n.path("mqtt").asText()), change);
        if (n.has("coap")) return new ReplayRequest.CoapOracle(n.path("coap").path("path").asText(n.path("coap").asText()), change);
        throw new IOException(where + ": an oracle is one of http, mqtt or coap");
    }

    private static ReplayRequest.Original original(Proto proto, JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        return switch (proto) {
            case HTTP -> new ReplayRequest.HttpAnswer(n.path("status").asInt(), n.path("body").asText(""));
            case COAP -> new ReplayRequest.CoapAnswer(n.path("code").asText(), n.path("payload").asText(""));
            default -> {
                List<MqttWire.Publish> msgs = new ArrayList<>();
                for (JsonNode m : n.path("messages")) {
                    msgs.add(new MqttWire.Publish(m.path("topic").asText(), m.path("payload").asText("").getBytes(StandardCharsets.UTF_8),
                            0, false, false, 0));
                }
                yield new ReplayRequest.MqttAnswers(msgs);
            }
        };
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.path(field).asText() : null;
    }

    private static String require(JsonNode n, String field, String where) throws IOException {
        if (!n.hasNonNull(field) || n.path(field).asText().isEmpty()) throw new IOException(where + ": '" + field + "' is required");
        return n.path(field).asText();
    }

    /** Applies amendments to captured requests by their listing id. */
    static List<ReplayRequest> amend(List<ReplayRequest> captured, List<Amendment> amendments) {
        Map<String, Amendment> byId = new java.util.HashMap<>();
        amendments.forEach(a -> byId.put(a.captureId(), a));
        List<ReplayRequest> out = new ArrayList<>();
        for (ReplayRequest r : captured) {
            Amendment a = byId.get(r.id());
            out.add(a == null ? r : new ReplayRequest(r.id(), r.proto(), r.server(), r.port(), r.secure(), r.encrypted(), r.micros(),
                    r.origin(), r.frames(), r.summary(), r.message(), a.original() != null ? a.original() : r.original(),
                    a.freshness().isEmpty() ? r.overrides() : a.freshness(), a.oracle() != null ? a.oracle() : r.oracle(),
                    a.credential() != null ? a.credential() : r.credential()));
        }
        return out;
    }
}
