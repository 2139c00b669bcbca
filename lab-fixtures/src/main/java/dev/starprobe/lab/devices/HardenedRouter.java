package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.notApplicable;
import static dev.starprobe.lab.ExpectedVerdict.inconclusive;
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
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.SessionStore;
import dev.starprobe.lab.http.WebAuth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.DnsService;
import dev.starprobe.lab.proto.SnmpAgent;
import dev.starprobe.lab.proto.SshService;
import dev.starprobe.lab.proto.UpnpIgd;
import dev.starprobe.lab.tls.ModernTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * router-hardened: admin UI only on HTTPS (Digest, form login, lockout), SSH with password + lockout and no
 * root login, SNMPv3 authPriv only, a UPnP description whose actions are refused (606), DNS for router.lan.
 */
public final class HardenedRouter extends AbstractDevice {
    public static final String NAME = "router-hardened";
    public static final String SSH_VERSION = "dropbear_2022.83";

    public static final GroundTruth TRUTH = new GroundTruth(Category.NETWORK_EQUIPMENT, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(22, "ssh"), ServiceTruth.udp(53, "dns"), ServiceTruth.udp(161, "snmp"),
                    ServiceTruth.tls(443, "https"), ServiceTruth.tcp(49152, "upnp")),
            List.of(
                    inconclusive(CLEARTEXT_HTTP_CREDENTIALS, 49152, "plain HTTP only serves the UPnP description (no"
                            + " credential prompt, no redirect); a probe cannot prove no other path asks for credentials"),
                    notApplicable(CLEARTEXT_TELNET, null, "no Telnet service"),
                    inconclusive(CLEARTEXT_SNMP, 161, "SNMPv3 authPriv only; v1/v2c get no answer, but silence to"
                            + " community 'public' cannot prove that no other community is configured"),
                    pass(TLS_PROTOCOLS, 443, "only TLS 1.2 and TLS 1.3"),
                    pass(TLS_CIPHER_SUITES, 443, "only ECDHE key exchange with AEAD suites"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 443, "admin/admin refused; the password is unique per unit"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 22, "root login refused, admin/admin refused"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 161, "communities public/private get no answer"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 161, "SNMPv3 authPriv only: no default community (public, private;"
                            + " v2c or v1) gets any answer, while SNMPv3 engine discovery is answered, so the agent is alive"
                            + " and no write is possible without SNMPv3 credentials"),
                    pass(AUTH_BRUTE_FORCE, 443, "after 5 failed logins from one source every attempt gets 429 for 60 s"),
                    pass(AUTH_BRUTE_FORCE, 22, "after 5 failed passwords from one source its new SSH connections are closed"
                            + " before the identification string for 60 s (lockout shared with the web UI)"),
                    inconclusive(AUTH_BRUTE_FORCE_DEVICE, null, "the web UI (429) and SSH (connections closed) lock out, but"
                            + " SNMP v1/v2c is silent to every community, so guessing communities cannot be measured"),
                    pass(AUTH_USER_ENUMERATION, 443, "one message for unknown users and wrong passwords, and the same"
                            + " hashing time (a dummy hash for unknown users)"),
                    pass(EXPOSURE_UPNP_IGD, 49152, "AddPortMapping answered with UPnPError 606 Action not authorized; no SSDP responder"),
                    pass(EXPOSURE_DEBUG_SERVICES, null, "no Telnet or debug service; SSH needs per-unit credentials and locks out"),
                    inconclusive(EXPOSURE_SSH_ROOT_LOGIN, 22, "'password' is offered to every user, root included, and root"
                            + " is refused only when a password is tried (like PermitRootLogin no): a probe that sends no"
                            + " password cannot tell"),
                    inconclusive(EXPOSURE_INFO_DISCLOSURE, 22, "the SSH identification string names " + SSH_VERSION
                            + ": a version, recorded for review, never a FAIL or a PASS"),
                    pass(EXPOSURE_INFO_DISCLOSURE, 443, "no key, password or token in what HTTPS serves without"
                            + " authentication, and no version in its headers"),
                    pass(REPLAY_HTTP, 443, "a GET / replayed with the same Digest nonce and nonce count gets 401")),
            "Secrets per unit: credentials() (web and SSH), snmpUser()/snmpPrivPassword().");

    private final Credentials admin = Credentials.random("admin");
    private final Credentials snmpUser = Credentials.random("monitor");
    private final String snmpPriv = Credentials.randomSecret(20);
    private final LockoutPolicy lockout;

    public HardenedRouter() {
        this(LockoutPolicy.standard());
    }

    public HardenedRouter(LockoutPolicy lockout) {
        super(NAME);
        this.lockout = lockout;
    }

    public Credentials credentials() {
        return admin;
    }

    /** SNMPv3 user name and authentication (SHA) password. */
    public Credentials snmpUser() {
        return snmpUser;
    }

    /** SNMPv3 privacy (AES-128) password. */
    public String snmpPrivPassword() {
        return snmpPriv;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        DeviceIdentity id = new DeviceIdentity("NetHaru", "NH-R900", "3.1.2", "NHR900" + Credentials.randomSecret(8).toUpperCase(), "NH-R900 v2");
        LoginGate gate = new LoginGate(CredentialStore.of(admin), lockout, HashCost.always(Duration.ofMillis(30)));
        SessionStore sessions = new SessionStore();
        HttpService.bind(rt, 443, "https", ModernTls.forDevice(NAME, rt.address()), null, WebPages.adminUi("NH-R900 Router", id,
                new WebAuth(gate, WebAuth.Scheme.DIGEST, "NH-R900", true, sessions), sessions,
                new FormLogin(gate, sessions, "NH-R900 Router", "/index.html", false)));
        SshService.bind(rt, SSH_VERSION, gate, Set.of("root"));
        SnmpAgent.startV3(rt, snmpUser, snmpPriv, "NH-R900 Router", "NH-R900");
        HttpService.bind(rt, UpnpIgd.PORT, "upnp", null, UpnpIgd.SERVER,
                new UpnpIgd(id, "4e482d52-3930-0000-0000-" + id.serial().substring(6).toLowerCase(), false).routes());
        DnsService.bind(rt, Map.of("router.lan", rt.address()));
    }
}
