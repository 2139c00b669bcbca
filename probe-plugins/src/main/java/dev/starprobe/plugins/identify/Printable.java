package dev.starprobe.plugins.identify;

import java.nio.charset.StandardCharsets;

/** Turns device bytes into something safe to put in a report: escaped and bounded. */
public final class Printable {
    public static final int BANNER_CAP = 256;

    private Printable() {
    }

    public static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    public static String banner(byte[] b) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(b.length, BANNER_CAP);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') sb.append((char) c);
            else if (c == '\\') sb.append("\\\\");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\n') sb.append("\\n");
            else sb.append(String.format("\\x%02x", c));
        }
        if (b.length > n) sb.append("...");
        return sb.toString();
    }
}
