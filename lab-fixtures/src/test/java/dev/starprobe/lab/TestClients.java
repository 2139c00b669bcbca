package dev.starprobe.lab;

import dev.starprobe.lab.tls.LabPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Plain clients for the tests: raw sockets, JDK HttpClient. */
public final class TestClients {
    private TestClients() {}

    public static Socket connect(InetAddress a, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(a, port), 2000);
        s.setSoTimeout(3000);
        return s;
    }

    /** Reads until {@code marker} appears (or the stream ends / max bytes), returns what was read. */
    public static String readUntil(InputStream in, String marker, int max) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (buf.size() < max) {
            int b = in.read();
            if (b < 0) break;
            buf.write(b);
            if (buf.toString(StandardCharsets.ISO_8859_1).endsWith(marker)) break;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code request} and reads the whole answer until the peer closes or {@code max} bytes. */
    public static String exchange(InetAddress a, int port, String request, int max) throws IOException {
        try (Socket s = connect(a, port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntil(s.getInputStream(), "\u0000\u0000\u0000never", max);
        }
    }

    public static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An HttpClient that trusts the lab CA (hardened devices' certificates). */
    public static HttpClient https() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, LabPki.trustManagers().getTrustManagers(), null);
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(ssl)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static HttpResponse<String> get(HttpClient c, String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        if (headers.length > 0) b.headers(headers);
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(HttpClient c, String url, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String form(String user, String password) {
        return "username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    public static String url(String scheme, InetAddress a, int port, String path) {
        return scheme + "://" + a.getHostAddress() + ":" + port + path;
    }
}
