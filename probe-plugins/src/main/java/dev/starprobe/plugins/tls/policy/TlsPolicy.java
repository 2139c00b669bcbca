package dev.starprobe.plugins.tls.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Severity;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TLS/DTLS policy: rules over observations, loaded from YAML. The stock one
 * ({@code tls/policy-cryptrec.yaml}) is CRYPTREC-aligned; a user passes their own with the scan
 * setting {@code tls.policy=/path/to/policy.yaml}. Loading validates everything (levels, subjects,
 * attributes, requirement ids), so a broken policy fails the TLS checks with a clear message
 * instead of judging silently with fewer rules.
 */
public final class TlsPolicy {
    public static final String SETTING = "tls.policy";
    private static final String BUILT_IN = "/dev/starprobe/plugins/tls/policy-cryptrec.yaml";
    private static final Map<String, TlsPolicy> CACHE = new ConcurrentHashMap<>();

    /** Rules that matched, with the observations that matched them, in policy order. */
    public record Hit(Rule rule, List<Observation> observations) {
        public List<String> labels() {
            return observations.stream().map(Observation::label).toList();
        }
    }

    private final String name;
    private final String source;
    private final List<String> basis;
    private final List<Rule> rules;

    private TlsPolicy(String name, String source, List<String> basis, List<Rule> rules) {
        this.name = name;
        this.source = source;
        this.basis = List.copyOf(basis);
        this.rules = List.copyOf(rules);
    }

    public static TlsPolicy builtIn() {
        return CACHE.computeIfAbsent("builtin", k -> {
            try (InputStream in = TlsPolicy.class.getResourceAsStream(BUILT_IN)) {
                return parse(in, "built-in policy-cryptrec.yaml");
            } catch (IOException | PolicyException e) {
                throw new IllegalStateException("the built-in TLS policy is broken: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The policy the user chose for this scan ({@value #SETTING}), else the built-in one.
     *
     * @throws PolicyException when the user's file cannot be read or is invalid
     */
    public static TlsPolicy forOptions(ScanOptions options) throws PolicyException {
        var path = options.setting(SETTING);
        if (path.isEmpty() || path.get().isBlank()) return builtIn();
        Path p = Path.of(path.get());
        TlsPolicy cached = CACHE.get(p.toAbsolutePath().toString());
        if (cached != null) return cached;
        try (InputStream in = Files.newInputStream(p)) {
            TlsPolicy loaded = parse(in, p.toString());
            CACHE.put(p.toAbsolutePath().toString(), loaded);
            return loaded;
        } catch (IOException e) {
            throw new PolicyException("cannot read TLS policy " + p + " (setting " + SETTING + "): " + e.getMessage());
        }
    }

    public static TlsPolicy parse(InputStream in, String source) throws PolicyException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new PolicyException(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new PolicyException(source + ": empty policy");
        String name = text(root, "name", source);
        List<String> basis = new ArrayList<>();
        root.path("basis").forEach(b -> basis.add(b.asText()));
        List<String> defaultReqs = strings(root.path("requirements"));
        RequirementCatalogue cat = RequirementCatalogue.builtIn();
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode list = root.path("rules");
        if (!list.isArray() || list.isEmpty()) throw new PolicyException(source + ": no rules");
        for (JsonNode r : list) {
            String id = text(r, "id", source);
            String where = source + ": rule " + id;
            if (!ids.add(id)) throw new PolicyException(where + ": duplicate id");
            Rule.Level level = enumValue(Rule.Level.class, text(r, "level", where), where);
            Severity severity = r.has("severity") ? enumValue(Severity.class, r.get("severity").asText(), where)
                    : level == Rule.Level.FORBIDDEN ? Severity.HIGH : Severity.LOW;
            List<String> reqs = r.has("requirements") ? strings(r.get("requirements")) : defaultReqs;
            if (reqs.isEmpty()) throw new PolicyException(where + ": no requirements (set them on the rule or the policy)");
            for (String q : reqs) {
                if (!cat.isKnown(q)) throw new PolicyException(where + ": unknown requirement id '" + q + "'");
            }
            JsonNode when = r.path("when");
            if (!when.isObject() || when.size() != 1) {
                throw new PolicyException(where + ": 'when' must name exactly one subject (" + Schema.SUBJECTS.keySet() + ")");
            }
            String subject = when.fieldNames().next();
            if (!Schema.SUBJECTS.containsKey(subject)) throw new PolicyException(where + ": unknown subject '" + subject + "'");
            Map<String, Object> conditions = new LinkedHashMap<>();
            when.get(subject).fields().forEachRemaining(e -> conditions.put(e.getKey(), value(e.getValue())));
            Rule rule = new Rule(id, level, severity, text(r, "title", where), r.path("basis").asText(""), reqs, subject, conditions);
            for (String a : rule.attributeNames()) {
                if (!Schema.SUBJECTS.get(subject).contains(a)) {
                    throw new PolicyException(where + ": '" + a + "' is not an attribute of " + subject
                            + " (known: " + Schema.SUBJECTS.get(subject) + ")");
                }
            }
            rules.add(rule);
        }
        return new TlsPolicy(name, source, basis, rules);
    }

    private static Object value(JsonNode n) {
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(value(x)));
            return l;
        }
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNumber()) return n.numberValue();
        return n.asText();
    }

    private static String text(JsonNode n, String field, String where) throws PolicyException {
        JsonNode v = n.get(field);
        if (v == null || v.asText().isBlank()) throw new PolicyException(where + ": missing '" + field + "'");
        return v.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v, String where) throws PolicyException {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(where + ": '" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Every rule that matches at least one observation, with what it matched, in policy order. */
    public List<Hit> evaluate(List<Observation> observations) {
        List<Hit> hits = new ArrayList<>();
        for (Rule r : rules) {
            List<Observation> matched = observations.stream().filter(r::matches).toList();
            if (!matched.isEmpty()) hits.add(new Hit(r, matched));
        }
        return hits;
    }

    public String name() {
        return name;
    }

    /** Where the policy came from (file path or built-in), for reports. */
    public String source() {
        return source;
    }

    public List<String> basis() {
        return basis;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The user's policy file is missing or invalid. */
    public static final class PolicyException extends Exception {
        public PolicyException(String message) {
            super(message);
        }
    }
}
