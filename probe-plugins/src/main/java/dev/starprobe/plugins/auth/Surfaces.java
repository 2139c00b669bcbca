package dev.starprobe.plugins.auth;

import dev.starprobe.spi.CheckContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The login surfaces the auth checks know, and how each one is found on a service. */
final class Surfaces {
    static final Pattern PASSWORD_FIELD = Pattern.compile("<input[^>]*type\\s*=\\s*[\"']?password[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM = Pattern.compile("<form([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCK_TEXT = Pattern.compile("too many|locked|try again later|temporarily", Pattern.CASE_INSENSITIVE);
    static final List<String> LOGIN_PATHS = List.of("/login.html", "/login", "/login.htm", "/index.html", "/admin");

    private Surfaces() {
    }

    static boolean lockoutStatus(AuthHttp.Result r) {
        return r.status() == 429 || r.status() == 423 || r.header("retry-after") != null
                || (r.status() == 403 && LOCK_TEXT.matcher(r.body()).find());
    }

    // ---------------------------------------------------------------- HTTP Basic / Digest

    /** A 401 challenge on {@code path}: Basic or Digest. */
    static final class HttpChallenge implements LoginSurface {
        private final AuthHttp http;
        private final String path;
        private final String scheme;

        HttpChallenge(AuthHttp http, String path, String challenge) {
            this.http = http;
            this.path = path;
            this.scheme = Digest.isDigest(challenge) ? "Digest" : "Basic";
        }

        @Override
        public String describe() {
            return "HTTP " + scheme + " on " + http.url(path);
        }

        @Override
        public String kind() {
            return "http";
        }

        @Override
        public Observation attempt(String user, String password) throws IOException {
            String auth;
            if (scheme.equals("Digest")) {
                AuthHttp.Result c = http.get(path, null); // a fresh nonce; not a login attempt
                if (lockoutStatus(c)) return new Observation("locked", false, true, "challenge request answered " + c.summary());
                String ch = c.header("www-authenticate");
                if (!Digest.isDigest(ch)) return new Observation("no-challenge", false, true,
                        "the Digest challenge was withdrawn (" + c.summary() + ")");
                auth = Digest.answer(ch, "GET", path, user, password);
            } else {
                auth = Digest.basic(user, password);
            }
            AuthHttp.Result r = http.get(path, auth);
            boolean positive = r.status() / 100 == 2 || r.status() / 100 == 3;
            return new Observation(Integer.toString(r.status()), positive, lockoutStatus(r), r.summary());
        }
    }

    // ---------------------------------------------------------------- HTML form

    /** A form with a password field; its action, user field and password field. */
    static final class HttpForm implements LoginSurface {
        private final AuthHttp http;
        private final String page;
        private final String action;
        private final String userField;
        private final String passwordField;
        private final Map<String, String> hidden;

        private HttpForm(AuthHttp http, String page, String action, String userField, String passwordField, Map<String, String> hidden) {
            this.http = http;
            this.page = page;
            this.action = action;
            this.userField = userField;
            this.passwordField = passwordField;
            this.hidden = hidden;
        }

        /** The first form on {@code body} that holds a password field, if any. */
        static Optional<HttpForm> find(AuthHttp http, String page, String body) {
            Matcher f = FORM.matcher(body);
            while (f.find()) {
                String attrs = f.group(1);
                String inner = f.group(2);
                if (!PASSWORD_FIELD.matcher(inner).find()) continue;
                String method = attr(attrs, "method");
                if (method != null && !method.equalsIgnoreCase("post")) continue;
                String action = Optional.ofNullable(attr(attrs, "action")).filter(a -> !a.isBlank()).orElse(page);
                if (action.startsWith("http://") || action.startsWith("https://")) continue; // off-device or other scheme
                if (!action.startsWith("/")) action = page.substring(0, page.lastIndexOf('/') + 1) + action;
                String user = null;
                String pass = null;
                Map<String, String> hidden = new LinkedHashMap<>();
                Matcher in = INPUT.matcher(inner);
                while (in.find()) {
                    String a = in.group(1);
                    String type = Optional.ofNullable(attr(a, "type")).orElse("text").toLowerCase(Locale.ROOT);
                    String name = attr(a, "name");
                    if (name == null) continue;
                    switch (type) {
                        case "password" -> { if (pass == null) pass = name; }
                        case "text", "email" -> { if (user == null && pass == null) user = name; }
                        case "hidden" -> hidden.put(name, Optional.ofNullable(attr(a, "value")).orElse(""));
                        default -> { }
                    }
                }
                if (pass != null) return Optional.of(new HttpForm(http, page, action, user, pass, hidden));
            }
            return Optional.empty();
        }

        private static String attr(String attrs, String name) {
            Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE).matcher(attrs);
            if (!m.find()) return null;
            return m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        }

        @Override
        public String describe() {
            return "HTML form login (" + http.url(page) + " -> POST " + action + ")";
        }

        /** The path the form posts to. */
        String action() {
            return action;
        }

        /** What a submission of {@code user} / {@code password} posts (the hidden fields as served). */
        Map<String, String> fields(String user, String password) {
            Map<String, String> form = new LinkedHashMap<>(hidden);
            if (userField != null) form.put(userField, user);
            form.put(passwordField, password);
            return form;
        }

        @Override
        public String kind() {
            return "http";
        }

        @Override
        public Observation attempt(String user, String password) throws IOException {
            Map<String, String> form = new LinkedHashMap<>(hidden);
            if (userField != null) form.put(userField, user);
            form.put(passwordField, password);
            AuthHttp.Result r = http.post(action, form);
            boolean formAgain = PASSWORD_FIELD.matcher(r.body()).find();
            boolean positive = !formAgain && r.status() / 100 != 4 && r.status() / 100 != 5
                    && (r.setsCookie() || r.status() / 100 == 3);
            // the body text is left out of the signature: a page that echoes the submitted name must not look different
            String signature = r.status() + (r.setsCookie() ? "+cookie" : "") + (formAgain ? "+form" : "")
                    + (r.header("location") == null ? "" : "->" + r.header("location"));
            return new Observation(signature, positive, lockoutStatus(r), r.summary());
        }
    }

    // ---------------------------------------------------------------- Telnet

    static final class Telnet implements LoginSurface {
        private static final Pattern PROMPT = Pattern.compile("[#$>%]\\s*$");
        private static final Pattern REFUSED = Pattern.compile("incorrect|denied|failed|invalid|login:\\s*$", Pattern.CASE_INSENSITIVE);
        private final CheckContext ctx;
        private final int port;

        Telnet(CheckContext ctx, int port) {
            this.ctx = ctx;
            this.port = port;
        }

        @Override
        public String describe() {
            return "Telnet login on port " + port;
        }

        @Override
        public String kind() {
            return "telnet";
        }

        @Override
        public Observation attempt(String user, String password) throws IOException {
            try (Socket s = ctx.net().socketFactory().createSocket(ctx.device().address(), port)) {
                s.setSoTimeout(1500);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                String text = readUntil(in, out, "login:", "ogin:");
                if (!text.toLowerCase(Locale.ROOT).contains("login:")) {
                    boolean lock = LOCK_TEXT.matcher(text).find() || text.isEmpty();
                    return new Observation("no-login-prompt", false, lock, "no login prompt: " + printable(text));
                }
                out.write((user + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String after = readUntil(in, out, "assword:", "#", "$ ", "> ", "incorrect");
                if (after.toLowerCase(Locale.ROOT).contains("assword:")) {
                    out.write((password + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    after = readUntil(in, out, "#", "$ ", "> ", "incorrect", "login:");
                }
                String tail = after.strip().isEmpty() ? after : after.replaceAll("\\s+$", " ");
                boolean positive = PROMPT.matcher(tail).find() && !REFUSED.matcher(after).find();
                boolean lock = LOCK_TEXT.matcher(after).find();
                return new Observation(positive ? "shell" : "refused", positive, lock,
                        (positive ? "shell prompt: " : "answer: ") + printable(after));
            }
        }

        /** Reads (answering Telnet option negotiation with refusals) until a marker, a 1.5 s pause, EOF or 8 KiB. */
        private static String readUntil(InputStream in, OutputStream out, String... markers) throws IOException {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            try {
                while (text.size() < 8192) {
                    int b = in.read();
                    if (b < 0) break;
                    if (b == 0xff) {
                        int cmd = in.read();
                        if (cmd == 0xfb || cmd == 0xfc || cmd == 0xfd || cmd == 0xfe) {
                            int opt = in.read();
                            int reply = (cmd == 0xfd || cmd == 0xfe) ? 0xfc : 0xfe; // WONT to DO/DONT, DONT to WILL/WONT
                            out.write(new byte[]{(byte) 0xff, (byte) reply, (byte) opt});
                            out.flush();
                        }
                        continue;
                    }
                    text.write(b);
                    String t = text.toString(StandardCharsets.UTF_8);
                    for (String m : markers) if (t.endsWith(m) || t.endsWith(m + " ")) return t;
                }
            } catch (SocketTimeoutException pause) {
                // the device stopped talking: take what it said
            }
            return text.toString(StandardCharsets.UTF_8);
        }
    }

    static String printable(String s) {
        String t = s.replaceAll("[\\r\\n]+", " | ").replaceAll("[^\\x20-\\x7e]", "?").strip();
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }

    // ---------------------------------------------------------------- RTSP

    static final class Rtsp implements LoginSurface {
        private final CheckContext ctx;
        private final int port;
        private final String uri;
        private final String scheme;
        private int cseq = 1;

        Rtsp(CheckContext ctx, int port, String challenge) {
            this.ctx = ctx;
            this.port = port;
            this.uri = "rtsp://" + ctx.device().address().getHostAddress() + ":" + port + "/";
            this.scheme = Digest.isDigest(challenge) ? "Digest" : "Basic";
        }

        @Override
        public String describe() {
            return "RTSP " + scheme + " on DESCRIBE " + uri;
        }

        @Override
        public String kind() {
            return "rtsp";
        }

        /** DESCRIBE with an optional Authorization header: status line, headers (lower-case names), body. */
        static String[] describe(CheckContext ctx, int port, String uri, int cseq, String authorization) throws IOException {
            try (Socket s = ctx.net().socketFactory().createSocket(ctx.device().address(), port)) {
                s.setSoTimeout((int) ctx.options().ioTimeout().toMillis());
                String req = "DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: " + cseq + "\r\nAccept: application/sdp\r\nUser-Agent: StarProbe\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
                s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                byte[] chunk = new byte[4096];
                int contentLength = -1;
                int headerEnd = -1;
                try {
                    int n;
                    while (buf.size() < 65536 && (n = in.read(chunk)) > 0) {
                        buf.write(chunk, 0, n);
                        String t = buf.toString(StandardCharsets.ISO_8859_1);
                        if (headerEnd < 0 && (headerEnd = t.indexOf("\r\n\r\n")) >= 0) {
                            Matcher m = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(t.substring(0, headerEnd));
                            contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
                        }
                        if (headerEnd >= 0 && buf.size() >= headerEnd + 4 + contentLength) break;
                    }
                } catch (SocketTimeoutException ignored) {
                    // take what arrived
                }
                String t = buf.toString(StandardCharsets.ISO_8859_1);
                int he = t.indexOf("\r\n\r\n");
                String head = he < 0 ? t : t.substring(0, he);
                String body = he < 0 ? "" : t.substring(he + 4);
                return new String[]{head.split("\r\n", 2)[0], head, body};
            }
        }

        static String header(String head, String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(head);
            return m.find() ? m.group(1).strip() : null;
        }

        static int status(String statusLine) {
            String[] p = statusLine.split(" ");
            try {
                return p.length > 1 && p[0].startsWith("RTSP/") ? Integer.parseInt(p[1]) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public Observation attempt(String user, String password) throws IOException {
            String auth;
            if (scheme.equals("Digest")) {
                String[] c = describe(ctx, port, uri, cseq++, null);
                String ch = header(c[1], "WWW-Authenticate");
                if (!Digest.isDigest(ch)) return new Observation("no-challenge", false, true,
                        "the Digest challenge was withdrawn (" + c[0] + ")");
                auth = Digest.answer(ch, "DESCRIBE", uri, user, password);
            } else {
                auth = Digest.basic(user, password);
            }
            String[] r = describe(ctx, port, uri, cseq++, auth);
            int st = status(r[0]);
            boolean positive = st == 200 && r[2].startsWith("v=0");
            boolean lock = st == 429 || st == 423 || st == 453 || header(r[1], "Retry-After") != null
                    || (st == 401 && header(r[1], "WWW-Authenticate") == null);
            return new Observation(Integer.toString(st), positive, lock, r[0] + (positive ? " with SDP" : ""));
        }
    }

    // ---------------------------------------------------------------- MQTT

    static final class Mqtt implements LoginSurface {
        private final CheckContext ctx;
        private final int port;
        private final boolean tls;

        Mqtt(CheckContext ctx, int port, boolean tls) {
            this.ctx = ctx;
            this.port = port;
            this.tls = tls;
        }

        @Override
        public String describe() {
            return "MQTT CONNECT" + (tls ? " over TLS" : "") + " on port " + port;
        }

        @Override
        public String kind() {
            return "mqtt";
        }

        /** Brokers refuse a wrong password and a locked-out account with the same CONNACK 5. */
        @Override
        public boolean lockoutVisibleWithoutCredential() {
            return false;
        }

        @Override
        public Observation attempt(String user, String password) throws IOException {
            int code = connack(ctx, port, tls, user, password);
            boolean lock = code == -2;
            return new Observation(Integer.toString(code), code == 0, lock,
                    code < 0 ? "no CONNACK (connection closed)" : "CONNACK return code " + code);
        }

        /** CONNACK return code, -2 when the connection closed without one; null user = anonymous. */
        static int connack(CheckContext ctx, int port, boolean tls, String user, String password) throws IOException {
            Socket plain = ctx.net().socketFactory().createSocket(ctx.device().address(), port);
            try (Socket s = tls ? wrap(plain, ctx, port) : plain) {
                s.setSoTimeout((int) ctx.options().ioTimeout().toMillis());
                s.getOutputStream().write(connectPacket("starprobe-" + Long.toHexString(System.nanoTime()), user, password));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                byte[] b = in.readNBytes(4);
                if (b.length < 4 || (b[0] & 0xf0) != 0x20) return -2;
                s.getOutputStream().write(new byte[]{(byte) 0xe0, 0});
                return b[3] & 0xff;
            } finally {
                plain.close();
            }
        }

        static Socket wrap(Socket plain, CheckContext ctx, int port) throws IOException {
            try {
                X509TrustManager any = new X509TrustManager() {
                    @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
                    @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
                    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
                };
                SSLContext sc = SSLContext.getInstance("TLS");
                sc.init(null, new TrustManager[]{any}, null);
                SSLSocket s = (SSLSocket) sc.getSocketFactory().createSocket(plain, ctx.device().address().getHostAddress(), port, true);
                s.startHandshake();
                return s;
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        static byte[] connectPacket(String clientId, String user, String password) {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            str(v, "MQTT");
            v.write(4); // 3.1.1
            int flags = 0x02 | (user != null ? 0x80 : 0) | (user != null && password != null ? 0x40 : 0);
            v.write(flags);
            v.write(0);
            v.write(30);
            str(v, clientId);
            if (user != null) str(v, user);
            if (user != null && password != null) str(v, password);
            byte[] body = v.toByteArray();
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(0x10);
            int len = body.length;
            do {
                int d = len % 128;
                len /= 128;
                p.write(len > 0 ? d | 0x80 : d);
            } while (len > 0);
            p.writeBytes(body);
            return p.toByteArray();
        }

        private static void str(ByteArrayOutputStream o, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            o.write(b.length >> 8);
            o.write(b.length & 0xff);
            o.writeBytes(b);
        }
    }
}
