package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;
import static dev.starprobe.lab.ExpectedVerdict.inconclusive;

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
import dev.starprobe.lab.proto.FtpService;
import dev.starprobe.lab.proto.SnmpAgent;
import dev.starprobe.lab.proto.SsdpResponder;
import dev.starprobe.lab.proto.SshService;
import dev.starprobe.lab.proto.TelnetService;
import dev.starprobe.lab.proto.TelnetShell;
import dev.starprobe.lab.proto.UpnpIgd;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * router-weak: admin UI on plain HTTP with admin/admin (Basic on /, form login that reveals users), Telnet,
 * an FTP server for the USB disk with the same admin account, SNMP v2c public/private whose community
 * table is readable with "public", an open UPnP IGD that maps ports for anyone (SSDP answers on 1900),
 * DNS for router.lan, and Dropbear SSH where root (password never set) logs in with no password at all,
 * as on a freshly flashed router.
 */
public final class WeakRouter extends AbstractDevice {
    public static final String NAME = "router-weak";
    public static final Credentials DEFAULT = new Credentials("admin", "admin");
    public static final DeviceIdentity IDENTITY = new DeviceIdentity("NetHaru", "NH-R300", "1.0.8 Build 20190301",
            "NHR300190301443", "NH-R300 v1");
    /** Time to hash a password on this router's CPU; spent only for existing users (a timing leak). */
    public static final java.time.Duration HASH_COST = java.time.Duration.ofMillis(30);
    public static final String SYS_DESCR = "NH-R300 Wireless Router, firmware 1.0.8 Build 20190301, Linux 2.6.36";
    public static final String SSH_VERSION = "dropbear_2017.75";
    /** The read-write community: a secret, disclosed by the readable community table. */
    public static final String WRITE_COMMUNITY = "private";

    public static final GroundTruth TRUTH = new GroundTruth(Category.NETWORK_EQUIPMENT, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(21, "ftp"), ServiceTruth.tcp(22, "ssh"), ServiceTruth.tcp(23, "telnet"), ServiceTruth.udp(53, "dns"), ServiceTruth.tcp(80, "http"),
                    ServiceTruth.udp(161, "snmp"), ServiceTruth.udp(1900, "ssdp"), ServiceTruth.tcp(49152, "upnp")),
            List.of(
                    fail(CLEARTEXT_HTTP_CREDENTIALS, 80, "admin login form and Basic auth on plain HTTP 80"),
                    fail(CLEARTEXT_TELNET, 23, "Telnet login on 23"),
                    fail(CLEARTEXT_SNMP, 161, "SNMP v2c: community strings travel in cleartext"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 80, "admin/admin accepted by Basic auth on / and the form login"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 23, "admin/admin gives a shell on Telnet"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 21, "admin/admin logs in on the USB-disk FTP server (230; random credentials 530)"),
                    fail(CLEARTEXT_FTP, 21, "FTP asks for the password without TLS (no AUTH TLS offered)"),
                    inconclusive(AUTH_BRUTE_FORCE, 21, "wrong passwords all get 530 at once, but FTP servers behind PAM refuse a"
                            + " locked-out account with the same 530: without a valid credential a lockout cannot be ruled out"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 161, "community 'public' reads and 'private' writes (SET sysContact/sysName/sysLocation)"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 161, "write community 'private' accepts a SET (sysLocation.0 written"
                            + " back with the value just read; 'public' is refused with noAccess)"),
                    fail(AUTH_BRUTE_FORCE, 80, "unlimited failed logins, no lockout or delay"),
                    fail(AUTH_USER_ENUMERATION, 80, "form login answers 'Unknown user name.' vs 'Wrong password.'; a wrong password"
                            + " for an existing user also answers ~30 ms later (the password is hashed only for known users)"),
                    fail(EXPOSURE_UPNP_IGD, 49152, "WANIPConnection AddPortMapping accepted without authentication; SSDP M-SEARCH answered on 1900"),
                    fail(EXPOSURE_DEBUG_SERVICES, 23, "Telnet shell open on 23"),
                    fail(EXPOSURE_INFO_DISCLOSURE, 161, "snmpCommunityTable (SNMP-COMMUNITY-MIB) is in the view of"
                            + " community 'public': reading it discloses the read-write community; sysDescr's firmware"
                            + " build and kernel version are recorded as versions, not failed"),
                    inconclusive(EXPOSURE_INFO_DISCLOSURE, 22, "the SSH identification string names " + SSH_VERSION
                            + ": a version, recorded for review, never a FAIL or a PASS"),
                    fail(EXPOSURE_SSH_ROOT_LOGIN, 22, "the 'none' authentication request for root succeeds: root has"
                            + " no password (never set) and SSH lets it in without one"),
                    fail(REPLAY_HTTP, 80, "a GET / with 'Authorization: Basic' (admin/admin) is accepted again verbatim on a"
                            + " new connection (no nonce, no timestamp)")),
            "DNS answers A router.lan with the router's own address, NXDOMAIN otherwise, no recursion.");

    private volatile UpnpIgd igd;
    private volatile SnmpAgent snmp;

    public WeakRouter() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    /** The agent's sysLocation.0 now (to prove that a SET left it as it was). */
    public String sysLocation() {
        return snmp == null ? null : String.valueOf(snmp.value(SnmpAgent.SYS_LOCATION));
    }

    /** Port mappings accepted so far (to prove an AddPortMapping really took effect). */
    public List<UpnpIgd.Mapping> portMappings() {
        return igd == null ? List.of() : igd.mappings();
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        LoginGate gate = new LoginGate(CredentialStore.of(DEFAULT), LockoutPolicy.none(), HashCost.onlyKnownUsers(HASH_COST));
        SessionStore sessions = new SessionStore();
        HttpService.bind(rt, 80, "http", null, "mini_httpd/1.30 26Oct2018", WebPages.adminUi("NH-R300 Router", IDENTITY,
                new WebAuth(gate, WebAuth.Scheme.BASIC, "NH-R300", false, sessions), sessions,
                new FormLogin(gate, sessions, "NH-R300 Router", "/index.html", true)));
        FtpService.bind(rt, FtpService.PORT, "NH-R300 USB disk FTP server ready.", gate);
        TelnetService.bind(rt, 23, new TelnetShell("NH-R300 (Linux 2.6.36)", "NH-R300", "# ", gate, Set.of(),
                Map.of("id", "uid=0(root) gid=0(root)", "uname -a", "Linux NH-R300 2.6.36 #1 Fri Mar 1 2019 mips GNU/Linux")));
        snmp = SnmpAgent.startCommunity(rt, "public", WRITE_COMMUNITY, SYS_DESCR, "NH-R300").withReadableCommunityTable();
        SshService.bindBlankRoot(rt, SSH_VERSION, gate);
        String uuid = "4e482d52-3330-0000-0000-" + IDENTITY.serial().substring(3);
        igd = new UpnpIgd(IDENTITY, uuid, true);
        HttpService.bind(rt, UpnpIgd.PORT, "upnp", null, UpnpIgd.SERVER, igd.routes());
        SsdpResponder.bind(rt, uuid);
        DnsService.bind(rt, Map.of("router.lan", rt.address()));
    }
}
