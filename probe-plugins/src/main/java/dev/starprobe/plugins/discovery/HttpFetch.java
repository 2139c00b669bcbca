package dev.starprobe.plugins.discovery;

import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.Session;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 GET for discovery documents (UPnP descriptions), through the engine's
 * sessions. Only the device that announced the URL is contacted (a LOCATION pointing elsewhere is
 * refused: a device must not steer the probe), and the body is capped.
 */
final class HttpFetch {
    static final int MAX_RESPONSE = SafeXml.MAX_BYTES + 8 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HttpFetch() {
    }

    /** @throws ParseException for a URL that is not plain HTTP to {@code sender}, or a bad response */
    static byte[] get(DiscoveryContext ctx, String location, InetAddress sender) throws ParseException {
        URI uri;
        try {
            uri = new URI(location.strip());
        } catch (Exception e) {
            throw new ParseException("bad LOCATION URL: " + Printable.of(location, 80));
        }
        ParseException.require("http".equalsIgnoreCase(uri.getScheme()), "LOCATION is not http: " + Printable.of(location, 80));
        ParseException.require(sender.getHostAddress().equals(uri.getHost()),
                "LOCATION host " + Printable.of(String.valueOf(uri.getHost()), 60) + " is not the answering device " + sender.getHostAddress());
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        ParseException.require(path.length() <= 512 && path.chars().allMatch(c -> c > 0x20 && c < 0x7f), "unusable LOCATION path");
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + sender.getHostAddress() + ":" + port
                + "\r\nConnection: close\r\nUser-Agent: StarProbe discovery\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] raw = exchange(ctx, sender, port, request);
        return body(raw);
    }

    private static byte[] exchange(DiscoveryContext ctx, InetAddress host, int port, byte[] request) throws ParseException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Session s = null;
        try {
            s = ctx.network().to(host).tcp(port).toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            s.write(request).toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < MAX_RESPONSE) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) break;
                byte[] chunk = s.read(MAX_RESPONSE - out.size(), Duration.ofMillis(left)).toCompletableFuture()
                        .get(left + 500, TimeUnit.MILLISECONDS);
                if (chunk.length == 0) break; // peer closed
                out.write(chunk, 0, chunk.length);
            }
            return out.toByteArray();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParseException("interrupted");
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new ParseException("fetching the description failed: " + c.getMessage());
        } finally {
            if (s != null) s.close();
        }
    }

    /** The body of a 200 response (Content-Length, chunked or until close). */
    static byte[] body(byte[] raw) throws ParseException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        ParseException.require(end > 0, "no complete HTTP header");
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        ParseException.require(head.matches("(?s)HTTP/1\\.[01] 200.*"), "HTTP status is not 200: " + Printable.of(head, 40));
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\ntransfer-encoding: chunked")) return dechunk(body);
        var m = java.util.regex.Pattern.compile("\ncontent-length:\\s*(\\d{1,9})").matcher(lower);
        if (m.find()) {
            int len = Integer.parseInt(m.group(1));
            ParseException.require(len <= body.length, "truncated body: " + body.length + " of " + len + " bytes");
            return Arrays.copyOf(body, len);
        }
        return body;
    }

    static byte[] dechunk(byte[] b) throws ParseException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int eol = indexOf(b, new byte[]{'\r', '\n'}, i);
            ParseException.require(eol > i && eol - i <= 16, "bad chunk header");
            String size = new String(b, i, eol - i, StandardCharsets.US_ASCII).split(";", 2)[0].strip();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                throw new ParseException("bad chunk size");
            }
            ParseException.require(n >= 0 && n <= b.length, "bad chunk size");
            if (n == 0) return out.toByteArray();
            ParseException.require(eol + 2 + n <= b.length, "truncated chunk");
            out.write(b, eol + 2, n);
            i = eol + 2 + n + 2;
            ParseException.require(i <= b.length, "truncated chunk");
        }
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
