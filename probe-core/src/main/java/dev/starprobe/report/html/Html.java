package dev.starprobe.report.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Writes HTML where everything that is not a literal of this package is escaped. Banners, reasons,
 * product names and attributes come from devices, and a device under test is hostile until proven
 * otherwise: {@link #t} is the only way text enters the page.
 */
final class Html {
    /** relative paths of our own evidence files; anything else (schemes, absolute paths) is not linked */
    private static final Pattern SAFE_PATH = Pattern.compile("(\\.\\./)*[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final Appendable out;

    Html(Appendable out) {
        this.out = out;
    }

    /** Literal markup written by this package; never pass device data here. */
    Html raw(String markup) {
        try {
            out.append(markup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Text, escaped for element content and for quoted attribute values alike. */
    Html t(Object text) {
        return raw(esc(text == null ? "" : String.valueOf(text)));
    }

    Html el(String tag, Object text) {
        return raw("<" + tag + ">").t(text).raw("</" + tag + ">");
    }

    Html el(String tag, String cssClass, Object text) {
        return raw("<" + tag + " class=\"" + cssClass + "\">").t(text).raw("</" + tag + ">");
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // control characters are shown, not interpreted (and NUL is not valid HTML)
                    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** An href for an evidence file relative to the report, or null when the path is not one of ours. */
    static String href(String prefix, String path) {
        if (path == null || path.contains("//") || !SAFE_PATH.matcher(path).matches()) return null;
        String p = prefix + path;
        return SAFE_PATH.matcher(p).matches() ? p : null;
    }
}
