package dev.starprobe.plugins.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of an HTTP or RTSP response, parsed leniently (embedded servers are
 * sloppy) from text that may be truncated. Only the first value of a repeated header is kept.
 */
public record HeadBlock(String protocol, int status, Map<String, String> headers) {

    /** Null when the text does not start with an HTTP- or RTSP-like status line. */
    public static HeadBlock parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0) return null;
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].matches("(HTTP|RTSP)/\\d\\.\\d") || !status[1].matches("\\d{3}")) return null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) break;
            int c = l.indexOf(':');
            if (c <= 0) continue;
            headers.putIfAbsent(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        return new HeadBlock(status[0], Integer.parseInt(status[1]), Map.copyOf(headers));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
