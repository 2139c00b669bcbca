package dev.starprobe.plugins.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starprobe.model.Device;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** One observation that points to a category; all its conditions must hold on one service or hint. */
record Signal(String protocol, Integer port, Transport transport, String attribute, String hint, Pattern matches,
              Pattern banner, Pattern product, double weight, String evidence) {

    static Signal parse(JsonNode n) {
        return new Signal(text(n, "protocol"), n.has("port") ? n.get("port").asInt() : null,
                n.has("transport") ? Transport.valueOf(n.get("transport").asText()) : null,
                text(n, "attribute"), text(n, "hint"), pattern(n, "matches"), pattern(n, "banner"), pattern(n, "product"),
                n.path("weight").asDouble(), n.path("evidence").asText("signal"));
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }

    private static Pattern pattern(JsonNode n, String f) {
        return n.hasNonNull(f) ? Pattern.compile(n.get(f).asText()) : null;
    }

    static final int VALUE_CAP = 120;

    /** "{value}" in the evidence text names what was seen (capped: it is device text). */
    private String withValue(String value) {
        return value == null ? evidence : evidence.replace("{value}", cap(value));
    }

    private static String cap(String v) {
        return v.length() <= VALUE_CAP ? v : v.substring(0, VALUE_CAP) + "...";
    }

    /** The evidence line when the signal matches, naming the service it matched on. */
    Optional<String> match(Device device, List<Service> services) {
        if (hint != null) {
            String v = device.hints().get(hint);
            if (v == null || (matches != null && !matches.matcher(v).find())) return Optional.empty();
            return Optional.of(withValue(v) + " (" + hint + "=" + cap(v) + ")");
        }
        for (Service s : services) {
            if (protocol != null && !protocol.equals(s.protocol())) continue;
            if (port != null && port != s.port()) continue;
            if (transport != null && transport != s.transport()) continue;
            String value = null;
            if (attribute != null) {
                value = s.attributes().get(attribute);
                if (value == null || (matches != null && !matches.matcher(value).find())) continue;
            }
            if (banner != null && (s.banner() == null || !banner.matcher(s.banner()).find())) continue;
            if (product != null && (s.product() == null || !product.matcher(s.product()).find())) continue;
            return Optional.of(withValue(value) + " [" + s.ref() + "]");
        }
        return Optional.empty();
    }
}
