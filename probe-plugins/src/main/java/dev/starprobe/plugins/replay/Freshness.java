package dev.starprobe.plugins.replay;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fields of a request that carry freshness (timestamp, nonce, sequence number, signature), found by name
 * (data file) or by shape (epoch seconds or milliseconds, ISO-8601 times) in JSON and form bodies, query
 * strings, headers and Digest authorization parameters; and the same text with chosen fields given fresh
 * values, everything else byte for byte unchanged.
 */
public final class Freshness {
    public enum Kind { TIMESTAMP, NONCE, SEQUENCE, SIGNATURE }

    /** Where a field lives. */
    public enum Place { JSON, FORM, QUERY, HEADER, DIGEST }

    /** @param name for HEADER the header name; for DIGEST the parameter name */
    public record Field(Place place, String name, Kind kind, String value) {
        @Override
        public String toString() {
            return name + " (" + (kind == null ? "none" : kind.name()).toLowerCase(java.util.Locale.ROOT) + ", " + place.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    private static final Pattern JSON_MEMBER = Pattern.compile("\"([^\"\\\\]{1,64})\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.){0,512})\"|-?\\d{1,20}(?:\\.\\d{1,9})?)");
    private static final Pattern FORM = Pattern.compile("[\\w.\\-%]{1,64}=[^&=\\s]{0,512}(&[\\w.\\-%]{1,64}=[^&=\\s]{0,512})*");
    private static final Pattern DIGEST_PARAM = Pattern.compile("(\\w+)=(\"[^\"]*\"|[^,\\s]*)");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?.*");
    private static final long YEAR_2000 = 946_684_800L;
    private static final long YEAR_2100 = 4_102_444_800L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Freshness() {
    }

    /** Fields of a text body (JSON object or form), by name or shape. */
    public static List<Field> inBody(String body) {
        List<Field> out = new ArrayList<>();
        String t = body.trim();
        if (t.startsWith("{") || t.startsWith("[")) {
            Matcher m = JSON_MEMBER.matcher(t);
            while (m.find()) {
                String value = m.group(3) != null ? m.group(3) : m.group(2);
                add(out, Place.JSON, m.group(1), value);
            }
        } else if (FORM.matcher(t).matches()) {
            out.addAll(inQuery(t, Place.FORM));
        }
        return out;
    }

    /** Fields of a URL query string. */
    public static List<Field> inQuery(String query) {
        return inQuery(query, Place.QUERY);
    }

    static List<Field> inQuery(String query, Place place) {
        List<Field> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) add(out, place, pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    /** Header fields, and the nonce, cnonce, nc and response of a Digest Authorization. */
    public static List<Field> inHeaders(Map<String, String> headers) {
        List<Field> out = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Authorization") && value.regionMatches(true, 0, "Digest ", 0, 7)) {
                Matcher m = DIGEST_PARAM.matcher(value.substring(7));
                while (m.find()) {
                    String p = m.group(1).toLowerCase(java.util.Locale.ROOT);
                    String v = m.group(2).replace("\"", "");
                    Kind k = switch (p) {
                        case "nonce", "cnonce" -> Kind.NONCE;
                        case "nc" -> Kind.SEQUENCE;
                        case "response" -> Kind.SIGNATURE;
                        default -> null;
                    };
                    if (k != null) out.add(new Field(Place.DIGEST, m.group(1), k, v));
                }
            } else if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                add(out, Place.HEADER, name, value);
            }
        });
        return out;
    }

    private static void add(List<Field> out, Place place, String name, String value) {
        Kind k = ReplayData.STOCK.kindOf(name);
        if (k == null && looksLikeTime(value)) k = Kind.TIMESTAMP;
        if (k == Kind.TIMESTAMP && place == Place.HEADER && !looksLikeTime(value) && !value.matches("\\d+")) k = null;
        out.add(new Field(place, name, k, value));
    }

    static boolean looksLikeTime(String v) {
        if (v.matches("\\d{10}")) {
            long s = Long.parseLong(v);
            return s > YEAR_2000 && s < YEAR_2100;
        }
        if (v.matches("\\d{13}")) {
            long s = Long.parseLong(v) / 1000;
            return s > YEAR_2000 && s < YEAR_2100;
        }
        return ISO_TIME.matcher(v).matches();
    }

    /**
     * The freshness fields among all members of a request: those the user named (with the kind they
     * gave), or else those whose name or shape says so.
     */
    public static List<Field> select(List<Field> members, List<Field> named) {
        List<Field> out = new ArrayList<>();
        for (Field m : members) {
            if (named.isEmpty()) {
                if (m.kind() != null) out.add(m);
                continue;
            }
            for (Field n : named) {
                if (n.name().equalsIgnoreCase(m.name())) out.add(new Field(m.place(), m.name(), n.kind(), m.value()));
            }
        }
        return out;
    }

    /** A fresh value of the same shape: now for a timestamp, random for a nonce, one more for a sequence. */
    public static String fresh(Field f) {
        String v = f.value();
        return switch (f.kind()) {
            case TIMESTAMP -> {
                Instant now = Instant.now();
                if (v.matches("\\d{13}")) yield Long.toString(now.toEpochMilli());
                if (v.matches("\\d+")) yield Long.toString(now.getEpochSecond());
                yield now.truncatedTo(ChronoUnit.SECONDS).toString();
            }
            case NONCE -> randomLike(v);
            case SEQUENCE -> v.matches("\\d{1,18}") ? padded(Long.parseLong(v) + 1, v) : v;
            case SIGNATURE -> v;
        };
    }

    private static String padded(long n, String like) {
        String s = Long.toString(n);
        if (like.startsWith("0") && s.length() < like.length()) s = "0".repeat(like.length() - s.length()) + s;
        return s;
    }

    private static String randomLike(String v) {
        if (v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) return java.util.UUID.randomUUID().toString();
        String alphabet = v.matches("\\d+") ? "0123456789" : v.matches("[0-9a-f]+") ? "0123456789abcdef"
                : v.matches("[0-9A-F]+") ? "0123456789ABCDEF" : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.max(1, v.length()); i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        String s = sb.toString();
        return s.equals(v) ? randomLike(v) : s;
    }

    /** {@code text} (a body or query) with the given fields set to new values; other bytes unchanged. */
    public static String apply(String text, Map<Field, String> changes) {
        String out = text;
        for (var e : changes.entrySet()) {
            Field f = e.getKey();
            String q = Pattern.quote(f.name());
            out = switch (f.place()) {
                case JSON -> replaceFirst(out, "(\"" + q + "\"\\s*:\\s*\"?)" + Pattern.quote(f.value()) + "(?=\"|\\s*[,}\\]])", e.getValue());
                case FORM, QUERY -> replaceFirst(out, "((?:^|&)" + q + "=)" + Pattern.quote(f.value()) + "(?=&|$)", e.getValue());
                case DIGEST -> replaceFirst(out, "(" + q + "=\"?)" + Pattern.quote(f.value()) + "(?=\"|,|\\s|$)", e.getValue());
                case HEADER -> out;
            };
        }
        return out;
    }

    private static String replaceFirst(String text, String regex, String value) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? text.substring(0, m.end(1)) + value + text.substring(m.end()) : text;
    }

    /** The fresh values for every field of the kinds asked for. */
    public static Map<Field, String> refresh(List<Field> fields, Kind kind) {
        Map<Field, String> out = new LinkedHashMap<>();
        for (Field f : fields) if (f.kind() == kind) out.put(f, fresh(f));
        return out;
    }
}
