package dev.starprobe.plugins.discovery;

/** Device text made safe for messages and hints: control characters escaped, length capped. */
public final class Printable {
    private Printable() {
    }

    public static String of(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        if (b.length() >= max && s.length() > max) b.append('…');
        return b.toString();
    }

    /** A hint value: trimmed, printable, at most 256 characters. */
    public static String hint(String s) {
        return of(s.strip(), 256);
    }
}
