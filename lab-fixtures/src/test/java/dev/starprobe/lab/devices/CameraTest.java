package dev.starprobe.lab.devices;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.LegacyTlsClient;
import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.auth.BasicAuth;
import dev.starprobe.lab.auth.DigestAuth;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.WsUsernameToken;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CameraTest {
    static final int[] LEGACY = {CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA};
    static final String ONVIF_INFO = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
            + "%s<s:Body><GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";

    static Lab lab;
    static WeakCamera weak;
    static HardenedCamera hardened;
    static InetAddress weakIp;
    static InetAddress hardIp;

    @BeforeAll
    static void start() throws Exception {
        weak = new WeakCamera();
        hardened = new HardenedCamera(new LockoutPolicy(5, Duration.ofSeconds(2)));
        lab = Lab.start(List.of(weak, hardened));
        weakIp = lab.address(WeakCamera.NAME);
        hardIp = lab.address(HardenedCamera.NAME);
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    @Test
    void weakCameraAcceptsAdminAdminOverBasicOnPlainHttp() throws Exception {
        HttpClient c = http();
        HttpResponse<String> anon = get(c, url("http", weakIp, 80, "/"));
        assertEquals(401, anon.statusCode());
        assertTrue(anon.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        HttpResponse<String> wrong = get(c, url("http", weakIp, 80, "/"), "Authorization",
                BasicAuth.header(new dev.starprobe.lab.auth.Credentials("admin", "nimda")));
        assertEquals(401, wrong.statusCode(), "wrong-credential baseline");
        HttpResponse<String> ok = get(c, url("http", weakIp, 80, "/"), "Authorization", BasicAuth.header(WeakCamera.DEFAULT));
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("AV-IPC200"));
        assertEquals("Boa/0.94.14rc21", ok.headers().firstValue("Server").orElseThrow());
        assertEquals(200, get(c, url("http", weakIp, 80, "/"), "Authorization", BasicAuth.header(WeakCamera.DEFAULT)).statusCode(),
                "the captured Authorization header works again verbatim");
        assertTrue(weak.traffic().successfulLogins("http") >= 1);
    }

    @Test
    void weakCameraFormLoginRevealsUnknownUsersAndNeverLocksOut() throws Exception {
        HttpClient c = http();
        String u = url("http", weakIp, 80, "/login");
        for (int i = 0; i < 8; i++) {
            assertTrue(post(c, u, "application/x-www-form-urlencoded", form("admin", "bad" + i)).body().contains("Wrong password."));
        }
        assertTrue(post(c, u, "application/x-www-form-urlencoded", form("nobody", "x")).body().contains("Unknown user name."));
        HttpResponse<String> ok = post(c, u, "application/x-www-form-urlencoded", form("admin", "admin"));
        assertEquals(302, ok.statusCode(), "no lockout after 9 failures");
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals(200, get(c, url("http", weakIp, 80, "/index.html"), "Cookie", cookie).statusCode());
    }

    @Test
    void weakCameraOnvifAnswersWithoutAuthentication() throws Exception {
        HttpResponse<String> r = post(http(), url("http", weakIp, 80, "/onvif/device_service"),
                "application/soap+xml", ONVIF_INFO.formatted(""));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<tds:SerialNumber>AV2C0F1E2D3C4B</tds:SerialNumber>"), r.body());
        assertTrue(r.body().contains("V2.1.4"));
    }

    @Test
    void weakCameraRtspDescribeWithoutAuthReturnsSdp() throws Exception {
        String res = rtsp(weakIp, "DESCRIBE rtsp://" + weakIp.getHostAddress() + "/live RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n");
        assertTrue(res.startsWith("RTSP/1.0 200"), res);
        assertTrue(res.contains("CSeq: 2"));
        assertTrue(res.contains("m=video 0 RTP/AVP 96"), res);
    }

    @Test
    void weakCameraTelnetGivesRootShellWithoutPassword() throws Exception {
        try (Socket s = connect(weakIp, 23)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertTrue(readUntil(in, "login: ", 4096).contains("IPCam login: "));
            out.write("root\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntil(in, "# ", 4096).endsWith("# "));
            out.write("id\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntil(in, "# ", 4096).contains("uid=0(root)"));
        }
        try (Socket s = connect(weakIp, 23)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readUntil(in, "login: ", 4096);
            out.write("admin\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntil(in, "Password: ", 4096).endsWith("Password: "));
            out.write("admin\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntil(in, "# ", 4096).endsWith("# "));
        }
        assertTrue(weak.traffic().successfulLogins("telnet") >= 2);
    }

    @Test
    void weakCameraAcceptsTls10WithLegacySuiteAndWeakCertificate() throws Exception {
        try (LegacyTlsClient.Session s = LegacyTlsClient.connect(weakIp, 443,
                new ProtocolVersion[] {ProtocolVersion.TLSv10}, LEGACY)) {
            assertEquals(ProtocolVersion.TLSv10, s.version());
            assertEquals(1024, ((RSAPublicKey) s.certificate().getPublicKey()).getModulus().bitLength());
            assertEquals(s.certificate().getSubjectX500Principal(), s.certificate().getIssuerX500Principal(), "self-signed");
            assertEquals("SHA1withRSA", s.certificate().getSigAlgName());
            String res = s.request("GET / HTTP/1.1\r\nHost: cam\r\nAuthorization: " + BasicAuth.header(WeakCamera.DEFAULT)
                    + "\r\n\r\n", 16384);
            assertTrue(res.startsWith("HTTP/1.1 200"), res);
        }
        try (LegacyTlsClient.Session s = LegacyTlsClient.connect(weakIp, 443,
                new ProtocolVersion[] {ProtocolVersion.TLSv11}, new int[] {CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA})) {
            assertEquals(CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, s.suite());
        }
        assertTrue(weak.traffic().events(TrafficLog.Kind.TLS_HANDSHAKE).stream().anyMatch(e -> e.detail().startsWith("TLS 1.0")));
    }

    @Test
    void hardenedCameraRefusesTls10AndLegacySuites() {
        assertThrows(TlsFatalAlertReceived.class, () -> LegacyTlsClient.connect(hardIp, 443,
                new ProtocolVersion[] {ProtocolVersion.TLSv10}, LEGACY).close());
        assertThrows(TlsFatalAlertReceived.class, () -> LegacyTlsClient.connect(hardIp, 443,
                new ProtocolVersion[] {ProtocolVersion.TLSv12}, LEGACY).close());
    }

    @Test
    void hardenedCameraNegotiatesTls12WithEcdheGcm() throws Exception {
        try (LegacyTlsClient.Session s = LegacyTlsClient.connect(hardIp, 443, new ProtocolVersion[] {ProtocolVersion.TLSv12},
                new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256})) {
            assertEquals(ProtocolVersion.TLSv12, s.version());
            assertNotEquals(s.certificate().getSubjectX500Principal(), s.certificate().getIssuerX500Principal());
        }
    }

    @Test
    void hardenedCameraRedirectsPort80ToHttps() throws Exception {
        HttpResponse<String> r = get(http(), url("http", hardIp, 80, "/login.html"));
        assertEquals(301, r.statusCode());
        assertEquals("https://" + hardIp.getHostAddress() + "/login.html", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void hardenedCameraLocksOutAfterFiveFailuresThenRecovers() throws Exception {
        HttpClient c = https();
        String u = url("https", hardIp, 443, "/login");
        int before = hardened.traffic().loginAttempts("https");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post(c, u, "application/x-www-form-urlencoded", form("admin", "admin" + i));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("Invalid user name or password."));
        }
        HttpResponse<String> locked = post(c, u, "application/x-www-form-urlencoded",
                form(hardened.credentials().user(), hardened.credentials().password()));
        assertEquals(429, locked.statusCode(), "even the right password is refused while locked");
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertEquals(before + 6, hardened.traffic().loginAttempts("https"));
        Thread.sleep(2100);
        HttpResponse<String> ok = post(c, u, "application/x-www-form-urlencoded",
                form(hardened.credentials().user(), hardened.credentials().password()));
        assertEquals(302, ok.statusCode(), "lockout ends");
    }

    @Test
    void hardenedCameraFormLoginDoesNotRevealUsers() throws Exception {
        HttpClient c = https();
        String u = url("https", hardIp, 443, "/login");
        String unknown = post(c, u, "application/x-www-form-urlencoded", form("nobody", "x")).body();
        String wrong = post(c, u, "application/x-www-form-urlencoded", form("admin", "x")).body();
        assertEquals(unknown, wrong);
        // recover the counter for other tests: a success resets it
        post(c, u, "application/x-www-form-urlencoded", form(hardened.credentials().user(), hardened.credentials().password()));
    }

    @Test
    void hardenedCameraRefusesAdminAdmin() throws Exception {
        HttpResponse<String> r = post(https(), url("https", hardIp, 443, "/login"), "application/x-www-form-urlencoded",
                form("admin", "admin"));
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("Set-Cookie").isPresent());
        post(https(), url("https", hardIp, 443, "/login"), "application/x-www-form-urlencoded",
                form(hardened.credentials().user(), hardened.credentials().password()));
    }

    @Test
    void hardenedCameraRtspNeedsDigestAndRejectsReplayedHeader() throws Exception {
        String uri = "rtsp://" + hardIp.getHostAddress() + "/live";
        String challenge = rtsp(hardIp, "DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        assertTrue(challenge.startsWith("RTSP/1.0 401"), challenge);
        Map<String, String> ch = DigestAuth.parse(challenge.lines().filter(l -> l.startsWith("WWW-Authenticate:"))
                .findFirst().orElseThrow().substring("WWW-Authenticate: ".length()).replace("Digest ", "Digest username=\"x\", response=\"y\", "));
        String nonce = ch.get("nonce");
        String realm = ch.get("realm");
        var creds = hardened.credentials();
        String ha1 = DigestAuth.md5(creds.user() + ":" + realm + ":" + creds.password());
        String ha2 = DigestAuth.md5("DESCRIBE:" + uri);
        String resp = DigestAuth.md5(ha1 + ":" + nonce + ":00000001:abcd:auth:" + ha2);
        String authz = "Authorization: Digest username=\"" + creds.user() + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", qop=auth, nc=00000001, cnonce=\"abcd\", response=\"" + resp + "\"\r\n";
        String ok = rtsp(hardIp, "DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 2\r\n" + authz + "\r\n");
        assertTrue(ok.startsWith("RTSP/1.0 200"), ok);
        String replay = rtsp(hardIp, "DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 3\r\n" + authz + "\r\n");
        assertTrue(replay.startsWith("RTSP/1.0 401"), "replayed nonce count refused: " + replay);
    }

    @Test
    void hardenedCameraOnvifNeedsUsernameToken() throws Exception {
        HttpClient c = https();
        String u = url("https", hardIp, 443, "/onvif/device_service");
        HttpResponse<String> anon = post(c, u, "application/soap+xml", ONVIF_INFO.formatted(""));
        assertEquals(401, anon.statusCode());
        assertTrue(anon.body().contains("NotAuthorized"));
        var creds = hardened.credentials();
        String created = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String header = usernameToken(creds, "0123456789abcdef", created);
        HttpResponse<String> ok = post(c, u, "application/soap+xml", ONVIF_INFO.formatted(header));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("AV-IPC900"));
        assertEquals(401, post(c, u, "application/soap+xml", ONVIF_INFO.formatted(header)).statusCode(), "replayed token refused");
        String stale = usernameToken(creds, "fedcba9876543210", "2020-01-01T00:00:00Z");
        assertEquals(401, post(c, u, "application/soap+xml", ONVIF_INFO.formatted(stale)).statusCode(), "stale token refused");
        String fresh = usernameToken(creds, "fedcba9876543210", created);
        assertEquals(200, post(c, u, "application/soap+xml", ONVIF_INFO.formatted(fresh)).statusCode(), "a fresh nonce works");
    }

    static String usernameToken(dev.starprobe.lab.auth.Credentials creds, String nonceText, String created) {
        byte[] nonce = nonceText.getBytes(StandardCharsets.US_ASCII);
        return "<s:Header><Security xmlns=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                + "<UsernameToken><Username>" + creds.user() + "</Username><Password Type=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">" + WsUsernameToken.digestOf(nonce, created, creds.password())
                + "</Password><Nonce>" + Base64.getEncoder().encodeToString(nonce) + "</Nonce><Created xmlns=\"http://docs.oasis-open.org/"
                + "wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">" + created + "</Created></UsernameToken></Security></s:Header>";
    }

    static String rtsp(InetAddress a, String request) throws Exception {
        try (Socket s = connect(a, 554)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(s.getInputStream(), "\r\n\r\n", 8192);
            int len = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
            byte[] body = s.getInputStream().readNBytes(len);
            return head + new String(body, StandardCharsets.US_ASCII);
        }
    }
}
