package dev.starprobe.plugins.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starprobe.model.Device;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One observation that points to a category; all its conditions must hold on one service or hint.
 * {@code observed} names a key that discovery reports as a device hint and identification as a service
 * attribute (mDNS, UPnP, CoAP resources): either source matches, so one rule serves both.
 */
record Signal(String protocol, Integer port, Transport transport, String attribute, String hint, List<String> observed,
              Pattern matches, Pattern banner, Pattern product, double weight, String evidence) {

    /** @param nameKeys the keys whose value is the product's own name, which {@code named} reads */
    static Signal parse(JsonNode n, List<String> nameKeys) {
        boolean named = n.hasNonNull("named");
        return new Signal(text(n, "protocol"), n.has("port") ? n.get("port").asInt() : null,
                n.has("transport") ? Transport.valueOf(n.get("transport").asText()) : null,
                text(n, "attribute"), text(n, "hint"), named ? nameKeys : keys(n.get("observed")),
                pattern(n, named ? "named" : "matches"), pattern(n, "banner"),
                pattern(n, "product"), n.path("weight").asDouble(), n.path("evidence").asText("signal"));
    }

    /** One key or a list of keys. */
    static List<String> keys(JsonNode n) {
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) return List.of(n.asText());
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        n.forEach(k -> out.add(k.asText()));
        return List.copyOf(out);
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

    private String firstMatching(Service s, List<String> keys) {
        for (String key : keys) {
            String v = s.attributes().get(key);
            if (v != null && (matches == null || matches.matcher(v).find())) return v;
        }
        return null;
    }

    /** The evidence line when the signal matches, naming the service it matched on. */
    Optional<String> match(Device device, List<Service> services) {
        List<String> hintKeys = hint != null ? List.of(hint) : observed;
        for (String key : hintKeys) {
            String v = device.hints().get(key);
            if (v != null && (matches == null || matches.matcher(v).find())) {
                return Optional.of(withValue(v) + " (" + key + "=" + cap(v) + ")");
            }
        }
        if (hint != null) return Optional.empty();
        List<String> attributeKeys = attribute != null ? List.of(attribute) : observed;
        for (Service s : services) {
            if (protocol != null && !protocol.equals(s.protocol())) continue;
            if (port != null && port != s.port()) continue;
            if (transport != null && transport != s.transport()) continue;
            String value = null;
            if (!attributeKeys.isEmpty()) {
                value = firstMatching(s, attributeKeys);
                if (value == null) continue;
            }
            if (banner != null && (s.banner() == null || !banner.matcher(s.banner()).find())) continue;
            if (product != null && (s.product() == null || !product.matcher(s.product()).find())) continue;
            return Optional.of(withValue(value) + " [" + s.ref() + "]");
        }
        return Optional.empty();
    }
}
