package dev.starprobe.plugins.tls.policy;

import dev.starprobe.model.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One policy rule: what it looks for (a subject and attribute conditions, all of which must hold)
 * and what a match means.
 *
 * <p>Conditions: {@code attr: value} equals (strings case-insensitively), {@code attr: [a, b]} is one
 * of, {@code attrBelow: n} / {@code attrAbove: n} compares numbers. An observation without the
 * attribute never matches.
 *
 * @param level        FORBIDDEN: a match is a FAIL; TOLERATED: a finding that does not fail
 *                     (reported with the rule's severity); IGNORE: the rule is switched off
 * @param requirements JC-STAR / EN 303 645 ids the finding maps to
 * @param basis        what the rule rests on, for the report
 */
public record Rule(String id, Level level, Severity severity, String title, String basis, List<String> requirements,
                   String subject, Map<String, Object> conditions) {

    public enum Level { FORBIDDEN, TOLERATED, IGNORE }

    public Rule {
        requirements = List.copyOf(requirements);
        conditions = Map.copyOf(conditions);
    }

    public boolean matches(Observation o) {
        if (level == Level.IGNORE || !o.subject().equals(subject)) return false;
        for (var c : conditions.entrySet()) {
            if (!holds(c.getKey(), c.getValue(), o.attributes())) return false;
        }
        return true;
    }

    private static boolean holds(String key, Object expected, Map<String, Object> attrs) {
        if (key.endsWith("Below") || key.endsWith("Above")) {
            Object actual = attrs.get(key.substring(0, key.length() - 5));
            if (!(actual instanceof Number a) || !(expected instanceof Number e)) return false;
            return key.endsWith("Below") ? a.doubleValue() < e.doubleValue() : a.doubleValue() > e.doubleValue();
        }
        Object actual = attrs.get(key);
        if (actual == null) return false;
        if (expected instanceof List<?> options) {
            for (Object opt : options) if (same(actual, opt)) return true;
            return false;
        }
        return same(actual, expected);
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) return a.doubleValue() == e.doubleValue();
        return String.valueOf(actual).toLowerCase(Locale.ROOT).equals(String.valueOf(expected).toLowerCase(Locale.ROOT));
    }

    /** The attribute names the conditions refer to (without Below/Above). */
    List<String> attributeNames() {
        return conditions.keySet().stream()
                .map(k -> k.endsWith("Below") || k.endsWith("Above") ? k.substring(0, k.length() - 5) : k).toList();
    }
}
