package dev.starprobe.plugins.exposure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What exposure.info-disclosure looks at and for, from {@code info-disclosure.yaml}: where secrets are
 * commonly served, which texts are secrets, which are versions and unit identifiers. Matching only: no I/O.
 */
final class DisclosureRules {
    static final String RESOURCE = "/dev/starprobe/plugins/exposure/info-disclosure.yaml";
    /** Longest document text scanned, so a huge or endless body cannot make matching expensive. */
    static final int MAX_SCANNED = 64 * 1024;
    static final int MAX_FOUND = 32;

    /** One secret pattern. Web pages only get the {@code any} ones: a script's "password = field.value" is no secret. */
    record SecretPattern(String id, String label, boolean anyScope, Pattern pattern, List<String> hit, List<String> miss) {
    }

    /** A secret found in a text: what kind, its name when it has one, and the value to redact. */
    record Secret(String label, String key, String value) {
        /** How a report may name it: never the value, only its name and length. */
        String describe() {
            return (key == null ? label : key + " (" + label + ")") + ", " + value.length() + " characters";
        }
    }

    final List<String> httpPaths = new ArrayList<>();
    final List<SecretPattern> secretPatterns = new ArrayList<>();
    final Map<String, String> versionAttributes = new LinkedHashMap<>();
    final Map<String, String> versionFields = new LinkedHashMap<>();
    final Map<String, String> identifierAttributes = new LinkedHashMap<>();
    final Set<String> identifierTxtKeys = new LinkedHashSet<>();
    final Map<String, String> snmpSecretColumns = new LinkedHashMap<>();
    final List<String> mqttFilters = new ArrayList<>();
    final Set<String> mqttVersionTopics = new LinkedHashSet<>();
    final Map<String, List<String>> versionExamples = new LinkedHashMap<>();
    final int snmpMaxRows;
    final int mqttWindowMillis;
    final int mqttMaxBytes;
    private final Set<String> ignoredKeys = new LinkedHashSet<>();
    private final Set<String> ignoredValues = new LinkedHashSet<>();
    private final Set<String> protocolTokens = new LinkedHashSet<>();
    private final Pattern ignoredValuePattern;
    private final Pattern versionPattern;
    private final Pattern macPattern;

    private static final DisclosureRules BUILT_IN = load();

    static DisclosureRules builtIn() {
        return BUILT_IN;
    }

    private DisclosureRules(JsonNode root) {
        root.path("httpPaths").forEach(n -> httpPaths.add(n.asText()));
        List<String> names = new ArrayList<>();
        // "wpa_key" also names "wpaKey" and "wpa-key"
        root.path("secretKeyNames").forEach(n -> names.add(Pattern.quote(n.asText()).replace("_", "\\E[_.-]?\\Q")));
        String alternation = String.join("|", names);
        for (JsonNode p : root.path("secretPatterns")) {
            List<String> hit = new ArrayList<>();
            List<String> miss = new ArrayList<>();
            p.path("hit").forEach(n -> hit.add(n.asText()));
            p.path("miss").forEach(n -> miss.add(n.asText()));
            String template = p.path("pattern").asText();
            // key names are matched in any case ("AdminPassword"); fixed formats keep their own case rules
            int flags = template.contains("{names}") ? Pattern.CASE_INSENSITIVE : 0;
            secretPatterns.add(new SecretPattern(p.path("id").asText(), p.path("label").asText(),
                    "any".equals(p.path("scope").asText()), Pattern.compile(template.replace("{names}", alternation), flags),
                    hit, miss));
        }
        root.path("ignoredKeys").forEach(n -> ignoredKeys.add(n.asText().toLowerCase(Locale.ROOT)));
        root.path("ignoredValues").forEach(n -> ignoredValues.add(n.asText().toLowerCase(Locale.ROOT)));
        root.path("protocolTokens").forEach(n -> protocolTokens.add(n.asText().toLowerCase(Locale.ROOT)));
        ignoredValuePattern = Pattern.compile(root.path("ignoredValuePattern").asText());
        versionPattern = Pattern.compile(root.path("versionPattern").asText());
        macPattern = Pattern.compile(root.path("macPattern").asText());
        root.path("versionAttributes").fields().forEachRemaining(e -> versionAttributes.put(e.getKey(), e.getValue().asText()));
        root.path("versionFields").fields().forEachRemaining(e -> versionFields.put(e.getKey(), e.getValue().asText()));
        root.path("identifierAttributes").fields().forEachRemaining(e -> identifierAttributes.put(e.getKey(), e.getValue().asText()));
        root.path("identifierTxtKeys").forEach(n -> identifierTxtKeys.add(n.asText().toLowerCase(Locale.ROOT)));
        root.path("snmpSecretColumns").fields().forEachRemaining(e -> snmpSecretColumns.put(e.getKey(), e.getValue().asText()));
        root.path("mqttFilters").forEach(n -> mqttFilters.add(n.asText()));
        root.path("mqttVersionTopics").forEach(n -> mqttVersionTopics.add(n.asText()));
        root.path("versionExamples").fields().forEachRemaining(e -> {
            List<String> out = new ArrayList<>();
            e.getValue().forEach(n -> out.add(n.asText()));
            versionExamples.put(e.getKey(), out);
        });
        snmpMaxRows = root.path("snmpMaxRows").asInt(16);
        mqttWindowMillis = root.path("mqttWindowMillis").asInt(1500);
        mqttMaxBytes = root.path("mqttMaxBytes").asInt(65536);
    }

    private static DisclosureRules load() {
        try (InputStream in = DisclosureRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new DisclosureRules(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Secrets in a text. {@code markup}: a web page or script, where only unmistakable formats count.
     * Each value is reported once, however often it occurs.
     */
    List<Secret> secrets(String text, boolean markup) {
        String t = text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text;
        Map<String, Secret> found = new LinkedHashMap<>();
        for (SecretPattern p : secretPatterns) {
            if (markup && !p.anyScope()) continue;
            Matcher m = p.pattern().matcher(t);
            while (m.find() && found.size() < MAX_FOUND) {
                String value = m.group("value").strip();
                String key = p.pattern().pattern().contains("(?<key>") ? m.group("key") : null;
                if (!isSecretValue(value) || (key != null && ignoredKeys.contains(key.toLowerCase(Locale.ROOT)))) continue;
                found.putIfAbsent(value, new Secret(p.label(), key, value));
            }
        }
        return List.copyOf(found.values());
    }

    private boolean isSecretValue(String v) {
        return v.length() >= 3 && !ignoredValues.contains(v.toLowerCase(Locale.ROOT)) && !ignoredValuePattern.matcher(v).matches();
    }

    /** "component version" pairs named in a free text (banners, headers, sysDescr); protocol versions left out. */
    List<String> versions(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = versionPattern.matcher(text.length() > 1024 ? text.substring(0, 1024) : text);
        while (m.find() && out.size() < 8) {
            if (protocolTokens.contains(m.group(1).toLowerCase(Locale.ROOT))) continue;
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }

    /** MAC addresses named in a text. */
    List<String> macs(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = macPattern.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
        while (m.find() && out.size() < 4) out.add(m.group());
        return out;
    }
}
