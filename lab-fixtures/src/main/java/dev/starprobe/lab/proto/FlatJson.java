package dev.starprobe.lab.proto;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses a flat JSON object (string, number, boolean or null values; no nesting) — all a device API needs. */
public final class FlatJson {
    private FlatJson() {}

    /** The members as text (strings unescaped), or null when {@code s} is not a flat JSON object. */
    public static Map<String, String> parse(String s) {
        if (s == null) return null;
        Cursor c = new Cursor(s.trim());
        Map<String, String> out = new LinkedHashMap<>();
        try {
            c.expect('{');
            c.skipWs();
            if (c.peek() == '}') {
                c.pos++;
                return c.atEnd() ? out : null;
            }
            while (true) {
                c.skipWs();
                String key = c.string();
                c.skipWs();
                c.expect(':');
                c.skipWs();
                out.put(key, c.value());
                c.skipWs();
                char n = c.next();
                if (n == '}') break;
                if (n != ',') return null;
            }
            c.skipWs();
            return c.atEnd() ? out : null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch)); else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return s.charAt(pos);
        }

        char next() {
            return s.charAt(pos++);
        }

        boolean atEnd() {
            return pos == s.length();
        }

        void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        void expect(char ch) {
            if (next() != ch) throw new IllegalArgumentException("expected " + ch);
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char ch = next();
                if (ch == '"') return b.toString();
                if (ch == '\\') {
                    char e = next();
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(ch);
                }
            }
        }

        String value() {
            if (peek() == '"') return string();
            int start = pos;
            while (pos < s.length() && ",}".indexOf(s.charAt(pos)) < 0 && !Character.isWhitespace(s.charAt(pos))) pos++;
            String v = s.substring(start, pos);
            if (v.isEmpty() || v.startsWith("{") || v.startsWith("[")) throw new IllegalArgumentException("not flat");
            return v;
        }
    }
}
