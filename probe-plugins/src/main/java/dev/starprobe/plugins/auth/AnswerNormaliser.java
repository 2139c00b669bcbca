package dev.starprobe.plugins.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reduces a login answer's body to what could depend on whether the account exists: the submitted name
 * and password (echoed raw, URL- or HTML-encoded), anti-CSRF and other hidden-field values, long random
 * tokens, timestamps and dates are replaced by placeholders, and whitespace runs collapse. Two answers that
 * differ only in those parts normalise to the same text.
 */
final class AnswerNormaliser {
    private static final List<Replacement> VOLATILE = List.of(
            // values of hidden inputs and of meta tags carrying tokens (CSRF, nonces), either attribute order
            new Replacement("(?i)(<input[^>]*type\\s*=\\s*[\"']?hidden[^>]*value\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^\\s>]+)", "$1{hidden}"),
            new Replacement("(?i)(<input[^>]*value\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^\\s>]+)([^>]*type\\s*=\\s*[\"']?hidden)", "$1{hidden}$3"),
            new Replacement("(?i)(<meta[^>]*(?:csrf|token|nonce)[^>]*content\\s*=\\s*)(\"[^\"]*\"|'[^']*')", "$1{token}"),
            new Replacement("(?i)(\"(?:csrf|xsrf|token|nonce|request_?id|session_?id|sid)[a-z_]*\"\\s*:\\s*)(\"[^\"]*\"|\\d+)", "$1{token}"),
            // ISO timestamps, clock times, HTTP dates, epoch seconds/millis
            new Replacement("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?", "{time}"),
            new Replacement("(?i)(?:mon|tue|wed|thu|fri|sat|sun), \\d{1,2} [a-z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2}(?: gmt)?", "{time}"),
            new Replacement("\\b\\d{1,2}:\\d{2}:\\d{2}\\b", "{time}"),
            new Replacement("\\b1\\d{9}(?:\\d{3})?\\b", "{time}"),
            // long random-looking tokens (hex, base64url)
            new Replacement("\\b[0-9a-fA-F]{16,}\\b", "{token}"),
            new Replacement("[A-Za-z0-9+/_-]{24,}={0,2}", "{token}"),
            new Replacement("\\s+", " "));

    private record Replacement(Pattern pattern, String with) {
        Replacement(String regex, String with) {
            this(Pattern.compile(regex), with);
        }
    }

    private AnswerNormaliser() {
    }

    static String normalise(String body, String user, String password) {
        String s = replaceAll(body, password, "{password}"); // the password first: it may contain the name
        s = replaceAll(s, user, "{user}");
        for (Replacement r : VOLATILE) s = r.pattern().matcher(s).replaceAll(r.with());
        return s.strip();
    }

    private static String replaceAll(String text, String value, String placeholder) {
        if (value == null || value.isEmpty()) return text;
        String s = text;
        for (String form : encodings(value)) s = s.replace(form, placeholder);
        return s;
    }

    private static List<String> encodings(String s) {
        String html = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
        return List.of(s, URLEncoder.encode(s, StandardCharsets.UTF_8), html);
    }

    /** A short view of where two normalised bodies first differ, for a report line. */
    static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        int from = Math.max(0, i - 20);
        return "'" + Surfaces.printable(excerpt(a, from)) + "' vs '" + Surfaces.printable(excerpt(b, from)) + "'";
    }

    private static String excerpt(String s, int from) {
        if (from >= s.length()) return "";
        return (from > 0 ? "…" : "") + s.substring(from, Math.min(s.length(), from + 60));
    }
}
