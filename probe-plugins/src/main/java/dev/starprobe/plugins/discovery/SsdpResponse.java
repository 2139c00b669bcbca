package dev.starprobe.plugins.discovery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An SSDP answer to M-SEARCH (UDA 1.1 §1.3.3): an HTTP/1.1 200 status line and headers in one
 * datagram. Header names are case-insensitive and kept lower-case.
 */
record SsdpResponse(Map<String, String> headers) {
    static final int MAX_HEADERS = 64;
    static final int MAX_LINE = 2048;

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    static SsdpResponse parse(byte[] payload) throws ParseException {
        ParseException.require(payload.length > 0, "empty datagram");
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) end = text.indexOf("\n\n");
        ParseException.require(end >= 0, "truncated: no blank line after the headers");
        String[] lines = text.substring(0, end).split("\r?\n", MAX_HEADERS + 3);
        ParseException.require(lines[0].startsWith("HTTP/1.1 200") || lines[0].startsWith("HTTP/1.0 200"),
                "not an SSDP search response: " + Printable.of(lines[0], 40));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            ParseException.require(l.length() <= MAX_LINE, "header line longer than " + MAX_LINE);
            ParseException.require(i <= MAX_HEADERS, "more than " + MAX_HEADERS + " headers");
            int colon = l.indexOf(':');
            ParseException.require(colon > 0, "malformed header line: " + Printable.of(l, 40));
            headers.putIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        ParseException.require(headers.containsKey("st") || headers.containsKey("usn"), "no ST or USN header");
        return new SsdpResponse(headers);
    }
}
