package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.notApplicable;
import static dev.starprobe.lab.ExpectedVerdict.pass;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.HashCost;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.http.FormLogin;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.SessionStore;
import dev.starprobe.lab.http.WebAuth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.OnvifDeviceService;
import dev.starprobe.lab.proto.RtspService;
import dev.starprobe.lab.tls.ModernTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.time.Duration;
import java.util.List;

/**
 * camera-hardened: 80 only redirects to HTTPS; 443 speaks TLS 1.2/1.3 with ECDHE+AEAD; Digest auth on /,
 * a form login with one message for every failure, ONVIF behind WS-UsernameToken, RTSP behind Digest.
 * The password is random per instance ({@link #credentials()}); 5 failures per source lock it out (429).
 */
public final class HardenedCamera extends AbstractDevice {
    public static final String NAME = "camera-hardened";

    public static final GroundTruth TRUTH = new GroundTruth(Category.CAMERA, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(80, "http"), ServiceTruth.tls(443, "https"), ServiceTruth.tcp(554, "rtsp")),
            List.of(
                    pass(CLEARTEXT_HTTP_CREDENTIALS, 80, "port 80 only answers 301 to https://; no login is served or accepted on it"),
                    notApplicable(CLEARTEXT_TELNET, null, "no Telnet service"),
                    pass(TLS_PROTOCOLS, 443, "only TLS 1.2 and TLS 1.3 accepted"),
                    pass(TLS_CIPHER_SUITES, 443, "only ECDHE key exchange with AES-GCM/ChaCha20-Poly1305"),
                    pass(TLS_CERTIFICATE, 443, "EC P-256 key, SHA-256 signature, issued by the lab CA (not self-signed), 1-year validity"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 443, "admin/admin and other common defaults refused; the password is unique per unit"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 554, "RTSP Digest refuses common defaults"),
                    pass(AUTH_BRUTE_FORCE, 443, "after 5 failed logins from one source every attempt gets 429 for 60 s"),
                    pass(AUTH_BRUTE_FORCE_DEVICE, null, "web UI (429) and RTSP (challenge withdrawn) share one lockout; 80 only redirects"),
                    pass(AUTH_USER_ENUMERATION, 443, "one message, 'Invalid user name or password.', for unknown users and"
                            + " wrong passwords, and the same hashing time for both"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 554, "RTSP DESCRIBE answers 401 with a Digest challenge"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 443, "ONVIF GetDeviceInformation needs a WS-UsernameToken"),
                    pass(REPLAY_HTTP, 443, "a replayed ONVIF request (same UsernameToken nonce, or Created older than 5 min) gets 401; "
                            + "Digest nonce counts cannot be reused"),
                    pass(REPLAY_RTSP, 554, "a DESCRIBE replayed with the same Digest nonce and nonce count gets 401 (the RTSP"
                            + " server shares the web UI's account)"),
                    pass(EXPOSURE_DEBUG_SERVICES, null, "no Telnet, SSH or other debug service: only 80 (redirect), 443 and 554"),
                    pass(EXPOSURE_INFO_DISCLOSURE, 443, "no key, password or token in what HTTPS serves without"
                            + " authentication; 'Server: webserver' names no version; ONVIF needs a UsernameToken")),
            "Lockout is shared by every interface (web, ONVIF, RTSP) and counted per source address.");

    private final Credentials credentials = Credentials.random("admin");
    private final LockoutPolicy lockout;

    public HardenedCamera() {
        this(LockoutPolicy.standard());
    }

    /** @param lockout e.g. {@code new LockoutPolicy(5, Duration.ofSeconds(1))} for tests */
    public HardenedCamera(LockoutPolicy lockout) {
        super(NAME);
        this.lockout = lockout;
    }

    /** The unit's unique credentials (random per instance). */
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        LoginGate gate = new LoginGate(CredentialStore.of(credentials), lockout, HashCost.always(Duration.ofMillis(30)));
        SessionStore sessions = new SessionStore();
        WebAuth digest = new WebAuth(gate, WebAuth.Scheme.DIGEST, "AV-IPC900", true, sessions);
        FormLogin form = new FormLogin(gate, sessions, "AV-IPC900 Network Camera", "/index.html", false);
        DeviceIdentity id = new DeviceIdentity("Acme Vision", "AV-IPC900", "4.2.0", "AV9" + Credentials.randomSecret(10).toUpperCase(), "IPC900-HW2.0");
        HttpRoutes ui = WebPages.adminUi("AV-IPC900 Network Camera", id, digest, sessions, form)
                .post(OnvifDeviceService.PATH, new OnvifDeviceService(id, gate));
        HttpService.bind(rt, 80, "http", null, "webserver", WebPages.redirectToHttps());
        HttpService.bind(rt, 443, "https", ModernTls.forDevice(NAME, rt.address()), "webserver", ui);
        RtspService.bind(rt, 554, "webserver", gate, "AV-IPC900", "AV-IPC900 Live");
    }
}
