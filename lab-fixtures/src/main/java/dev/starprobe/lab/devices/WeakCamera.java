package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;
import static dev.starprobe.lab.ExpectedVerdict.inconclusive;
import static dev.starprobe.lab.ExpectedVerdict.notApplicable;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.http.FormLogin;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.http.SessionStore;
import dev.starprobe.lab.http.WebAuth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.OnvifDeviceService;
import dev.starprobe.lab.proto.RtspService;
import dev.starprobe.lab.proto.TelnetService;
import dev.starprobe.lab.proto.TelnetShell;
import dev.starprobe.lab.tls.LegacyTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * camera-weak: a cheap IP camera. Web UI on 80 (no redirect) and 443 (TLS 1.0+, legacy suites, 1024-bit
 * self-signed) with Basic auth admin/admin and a form login that reveals unknown users; RTSP DESCRIBE and
 * ONVIF GetDeviceInformation without authentication; a Telnet root shell (root without password, admin/admin);
 * and the configuration backup the web UI's "export settings" wrote into its web root, served to anyone at
 * {@value #CONFIG_BACKUP}: the admin password, the Wi-Fi key and the P2P cloud key in cleartext.
 */
public final class WeakCamera extends AbstractDevice {
    public static final String NAME = "camera-weak";
    public static final Credentials DEFAULT = new Credentials("admin", "admin");
    public static final DeviceIdentity IDENTITY =
            new DeviceIdentity("Acme Vision", "AV-IPC200", "V2.1.4 build 170512", "AV2C0F1E2D3C4B", "IPC200-HW1.2");
    static final String SERVER = "Boa/0.94.14rc21";
    public static final String CONFIG_BACKUP = "/config.bak";
    public static final String WIFI_PSK = "acme-cam-5f3e9b21";
    public static final String P2P_KEY = "9c1e4b7a0d2f6e83b5a4c7d9e0f1a2b3";
    static final String BACKUP = "# AV-IPC200 configuration export\n[system]\nmodel=AV-IPC200\nfirmware=V2.1.4 build 170512\n"
            + "[user]\nadmin_user=admin\nadmin_password=admin\n[network]\nwifi_ssid=IPCam-2C0F\nwifi_psk=" + WIFI_PSK + "\n"
            + "[cloud]\np2p_uid=AV2C0F1E2D3C4B\np2p_key=" + P2P_KEY + "\n";

    public static final GroundTruth TRUTH = new GroundTruth(Category.CAMERA, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(23, "telnet"), ServiceTruth.tcp(80, "http"), ServiceTruth.tls(443, "https"),
                    ServiceTruth.tcp(554, "rtsp")),
            List.of(
                    fail(CLEARTEXT_TELNET, 23, "Telnet login for a root shell on 23, credentials in cleartext"),
                    fail(CLEARTEXT_HTTP_CREDENTIALS, 80, "Basic auth and the login form are served on plain HTTP 80 with no redirect to HTTPS"),
                    fail(TLS_PROTOCOLS, 443, "TLS 1.0 and TLS 1.1 accepted on 443"),
                    fail(TLS_CIPHER_SUITES, 443, "only TLS_RSA_* suites: no forward secrecy, CBC, and 3DES (TLS_RSA_WITH_3DES_EDE_CBC_SHA)"),
                    fail(TLS_CERTIFICATE, 443, "1024-bit RSA self-signed certificate with a SHA-1 signature"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 80, "admin/admin accepted by HTTP Basic on / and by the form login"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 443, "admin/admin accepted by HTTP Basic on /"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 23, "root without password and admin/admin get a '# ' shell"),
                    fail(AUTH_BRUTE_FORCE, 80, "unlimited failed logins, each answered at once with 401, no lockout or delay"),
                    fail(AUTH_BRUTE_FORCE_DEVICE, null, "no interface throttles: web (80, 443) and Telnet answer every wrong password at once"),
                    fail(AUTH_USER_ENUMERATION, 80, "form login answers 'Unknown user name.' vs 'Wrong password.'"),
                    fail(AUTH_USER_ENUMERATION, 443, "the same form login on 443 reveals unknown user names"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 554, "RTSP DESCRIBE returns the stream SDP without authentication"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 80, "ONVIF GetDeviceInformation answered without WS-Security"),
                    fail(REPLAY_HTTP, 80, "a request with 'Authorization: Basic' (admin/admin) is accepted again verbatim on a new"
                            + " connection (no nonce, no timestamp)"),
                    fail(REPLAY_HTTP, 443, "the same Basic login over TLS is accepted again verbatim: TLS hides it on the way,"
                            + " but a request seen once (a log, a proxy, the app) stays a valid login"),
                    notApplicable(REPLAY_RTSP, 554, "RTSP DESCRIBE needs no login: there is no authenticated request to replay"),
                    fail(EXPOSURE_DEBUG_SERVICES, 23, "Telnet debug shell open on 23"),
                    fail(EXPOSURE_INFO_DISCLOSURE, 80, "the configuration backup " + CONFIG_BACKUP + " is served without"
                            + " authentication with admin_password, wifi_psk and p2p_key in cleartext; the serial number and"
                            + " firmware from ONVIF and Server: " + SERVER + " are recorded as disclosures, not failed"),
                    inconclusive(PRODUCT_MODEL_DESIGNATION, null, "AV-IPC200 is named by unauthenticated ONVIF"
                            + " GetDeviceInformation (the web UI shows it only after login): supporting evidence only, the"
                            + " label or GUI must be checked")),
            "Default credentials admin/admin (web, Telnet), root with empty password on Telnet. TLS: " 
                    + "TLS 1.0-1.2, RSA key exchange, 3DES/AES-CBC, 1024-bit RSA SHA-1 self-signed certificate. The RSA key is the same on every weak unit of the lab (vendor key reuse).");

    public WeakCamera() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        LoginGate gate = new LoginGate(CredentialStore.of(DEFAULT, new Credentials("root", "")), LockoutPolicy.none());
        SessionStore sessions = new SessionStore();
        WebAuth basic = new WebAuth(gate, WebAuth.Scheme.BASIC, "IPCamera", false, sessions);
        FormLogin form = new FormLogin(gate, sessions, "AV-IPC200 Network Camera", "/index.html", true);
        HttpRoutes ui = WebPages.adminUi("AV-IPC200 Network Camera", IDENTITY, basic, sessions, form)
                .post(OnvifDeviceService.PATH, new OnvifDeviceService(IDENTITY, null))
                .get(CONFIG_BACKUP, ex -> Responses.of(HttpResponseStatus.OK, "application/octet-stream", BACKUP));
        HttpService.bind(rt, 80, "http", null, SERVER, ui);
        HttpService.bind(rt, 443, "https", LegacyTls.forDevice("IPCamera", rt.address()), SERVER, ui);
        RtspService.bind(rt, 554, "Acme RTSP Server 1.0", null, "IPCamera", "AV-IPC200 Live");
        TelnetService.bind(rt, 23, new TelnetShell("Acme Vision IPC200 (Linux 3.10.14)", "IPCam", "# ", gate,
                Set.of("root"), Map.of(
                        "id", "uid=0(root) gid=0(root)",
                        "uname -a", "Linux IPCam 3.10.14 #1 PREEMPT Fri May 12 10:31:04 CST 2017 armv7l GNU/Linux",
                        "cat /etc/passwd", "root::0:0:root:/root:/bin/sh\nadmin:x:1000:1000::/home/admin:/bin/sh",
                        "help", "Built-in commands:\n\tcd echo exit help id ls pwd uname")));
    }
}
