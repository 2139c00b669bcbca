package dev.starprobe.report;

/**
 * Text for terminals and CI logs. Reasons and product names can carry bytes a device sent, and an
 * escape sequence printed raw would rewrite the user's terminal or hide lines in a CI log, so control
 * characters are shown as \xNN.
 */
public final class PlainText {
    private PlainText() {
    }

    public static String safe(Object o) {
        if (o == null) return "";
        String s = String.valueOf(o);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (sb != null) {
                if (control) sb.append(String.format("\\x%02x", (int) c));
                else sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
