package dev.starprobe.plugins.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A read request of the protocol-native replay tests (HTTP GET or POST, RTSP DESCRIBE) as the exact bytes a
 * client sends, with or without an Authorization header: a replay re-sends these bytes unchanged.
 */
record NativeRequest(String method, String target, String version, Map<String, String> headers, byte[] body) {

    static NativeRequest httpGet(String host, String path) {
        return new NativeRequest("GET", path, "HTTP/1.1", Map.of("Host", host, "Accept", "*/*"), new byte[0]);
    }

    static NativeRequest httpPost(String host, String path, String contentType, String body) {
        return new NativeRequest("POST", path, "HTTP/1.1", Map.of("Host", host, "Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** DESCRIBE of {@code uri}; the CSeq stays 1 (every request goes on a new connection). */
    static NativeRequest rtspDescribe(String uri) {
        return new NativeRequest("DESCRIBE", uri, "RTSP/1.0", Map.of("CSeq", "1", "Accept", "application/sdp"), new byte[0]);
    }

    boolean rtsp() {
        return version.startsWith("RTSP/");
    }

    /** The request with {@code body} in place of its own (a SOAP envelope with a new token). */
    NativeRequest withBody(String newBody) {
        return new NativeRequest(method, target, version, headers, newBody.getBytes(StandardCharsets.UTF_8));
    }

    /** @param authorization the Authorization header's value, or null for none */
    byte[] bytes(String authorization) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        // a fixed header order: the same request always serialises to the same bytes
        headers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(h -> sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        sb.append("User-Agent: StarProbe\r\n");
        if (authorization != null) sb.append("Authorization: ").append(authorization).append("\r\n");
        if (body.length > 0) sb.append("Content-Length: ").append(body.length).append("\r\n");
        if (!rtsp()) sb.append("Connection: close\r\n");
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
