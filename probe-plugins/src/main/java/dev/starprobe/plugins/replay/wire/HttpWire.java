package dev.starprobe.plugins.replay.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP/1.x (and RTSP, which shares its syntax) messages in a byte stream: requests with their bodies
 * (Content-Length or chunked), responses likewise or up to the end of the stream. Bounded: header
 * blocks above 64 KiB or bodies above the cap end parsing.
 */
public final class HttpWire {
    static final int HEADER_CAP = 64 * 1024;
    public static final int BODY_CAP = 1024 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "ANNOUNCE", "RECORD", "GET_PARAMETER", "SET_PARAMETER");

    public record Header(String name, String value) {
    }

    /** A request, or (status &gt; 0) a response; {@code end} is the offset just after it in the stream. */
    public record Message(String method, String target, String version, int status, String reason, List<Header> headers,
                          byte[] body, int start, int end) {
        public String header(String name) {
            for (Header h : headers) if (h.name().equalsIgnoreCase(name)) return h.value();
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean rtsp() {
            return version.startsWith("RTSP/");
        }
    }

    private HttpWire() {
    }

    /** Whether a stream starts like an HTTP or RTSP request. */
    public static boolean looksLikeRequest(byte[] b) {
        int sp = indexOf(b, (byte) ' ', 0, Math.min(b.length, 16));
        return sp > 0 && METHODS.contains(new String(b, 0, sp, StandardCharsets.US_ASCII));
    }

    public static List<Message> requests(byte[] stream) {
        return all(stream, true);
    }

    public static List<Message> responses(byte[] stream) {
        return all(stream, false);
    }

    private static List<Message> all(byte[] b, boolean requests) {
        List<Message> out = new ArrayList<>();
        int off = 0;
        while (off < b.length) {
            Message m = parse(b, off, requests);
            if (m == null) break;
            out.add(m);
            off = m.end();
        }
        return out;
    }

    /** One message at {@code off}, or null when the bytes there are not a complete message. */
    public static Message parse(byte[] b, int off, boolean request) {
        int headEnd = indexOf(b, new byte[]{'\r', '\n', '\r', '\n'}, off, Math.min(b.length, off + HEADER_CAP));
        if (headEnd < 0) return null;
        String[] lines = new String(b, off, headEnd - off, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] first = lines[0].split(" ", 3);
        if (first.length < 2) return null;
        String method = null, target = null, version, reason = "";
        int status = 0;
        if (request) {
            if (!METHODS.contains(first[0]) || first.length < 3) return null;
            method = first[0];
            target = first[1];
            version = first[2];
        } else {
            if (!first[0].startsWith("HTTP/") && !first[0].startsWith("RTSP/")) return null;
            version = first[0];
            try {
                status = Integer.parseInt(first[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            reason = first.length > 2 ? first[2] : "";
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.add(new Header(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
        }
        int bodyStart = headEnd + 4;
        String te = value(headers, "Transfer-Encoding");
        String cl = value(headers, "Content-Length");
        byte[] body;
        int end;
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int p = bodyStart;
            while (true) {
                int le = indexOf(b, new byte[]{'\r', '\n'}, p, b.length);
                if (le < 0) return null;
                int size;
                try {
                    size = Integer.parseInt(new String(b, p, le - p, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (size < 0 || out.size() + size > BODY_CAP || le + 2 + size + 2 > b.length) return null;
                if (size == 0) {
                    int trailerEnd = indexOf(b, new byte[]{'\r', '\n'}, le + 2, b.length);
                    end = trailerEnd < 0 ? b.length : trailerEnd + 2;
                    break;
                }
                out.write(b, le + 2, size);
                p = le + 2 + size + 2;
            }
            body = out.toByteArray();
        } else if (cl != null) {
            int n;
            try {
                n = Integer.parseInt(cl.trim());
            } catch (NumberFormatException e) {
                return null;
            }
            if (n < 0 || n > BODY_CAP || bodyStart + n > b.length) return null;
            body = java.util.Arrays.copyOfRange(b, bodyStart, bodyStart + n);
            end = bodyStart + n;
        } else if (request || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
            end = bodyStart;
        } else { // a response without length: the body runs to the end of the connection
            int n = Math.min(b.length - bodyStart, BODY_CAP);
            body = java.util.Arrays.copyOfRange(b, bodyStart, bodyStart + n);
            end = b.length;
        }
        return new Message(method, target, version, status, reason, headers, body, off, end);
    }

    /** The request as bytes, with {@code body} and a Content-Length that matches it (chunked is re-framed). */
    public static byte[] serialize(Message request, List<Header> headers, String target, byte[] body) {
        StringBuilder sb = new StringBuilder();
        sb.append(request.method()).append(' ').append(target).append(' ').append(request.version()).append("\r\n");
        boolean hasBody = body.length > 0 || request.header("Content-Length") != null || request.header("Transfer-Encoding") != null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("Content-Length") || h.name().equalsIgnoreCase("Transfer-Encoding")) continue;
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (hasBody) sb.append("Content-Length: ").append(body.length).append("\r\n");
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String value(List<Header> headers, String name) {
        for (Header h : headers) if (h.name().equalsIgnoreCase(name)) return h.value();
        return null;
    }

    static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    static int indexOf(byte[] b, byte[] pat, int from, int to) {
        outer:
        for (int i = from; i <= to - pat.length; i++) {
            for (int j = 0; j < pat.length; j++) if (b[i + j] != pat[j]) continue outer;
            return i;
        }
        return -1;
    }
}
