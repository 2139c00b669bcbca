package dev.starprobe.plugins.identify;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One fingerprint rule from the data file. */
public record Fingerprint(String id, String probe, Pattern match, String protocol, String product, String version,
                          List<String> examples) {

    /** What a matching response says about the service. */
    public record Identification(String fingerprintId, String protocol, String product, String version) {
    }

    public Optional<Identification> apply(String response) {
        Matcher m = match.matcher(response);
        if (!m.find()) return Optional.empty();
        return Optional.of(new Identification(id, protocol, expand(product, m), expand(version, m)));
    }

    private static String expand(String template, Matcher m) {
        if (template == null) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                String v = g <= m.groupCount() ? m.group(g) : null;
                if (v != null) sb.append(v);
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
