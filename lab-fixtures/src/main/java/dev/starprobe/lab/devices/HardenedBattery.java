package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.inconclusive;
import static dev.starprobe.lab.ExpectedVerdict.pass;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.ModbusDeviceId;
import dev.starprobe.lab.proto.ModbusServer;
import dev.starprobe.lab.proto.SunSpecMap;
import dev.starprobe.lab.tls.ModernTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;
import java.util.Map;

/**
 * battery-hardened: read-only SunSpec Modbus map and an HTTPS (TLS 1.2/1.3) API that needs a strong per-unit
 * token, handed out by a JSON login for the per-unit installer account with lockout (5 failures per source).
 */
public final class HardenedBattery extends AbstractDevice {
    public static final String NAME = "battery-hardened";
    public static final String MODEL = "HE-20K";

    public static final GroundTruth TRUTH = new GroundTruth(Category.ENERGY_STORAGE, StarLevel.STAR_2,
            List.of(ServiceTruth.tls(443, "https"), ServiceTruth.tcp(502, "modbus")),
            List.of(
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 443, "GET /api/v1/status and POST /api/v1/control answer 401 without the token"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 443, "POST /api/v1/login refuses the factory defaults (admin/admin, user/0000,"
                            + " installer/1111) like random credentials; the password and the token are random per unit"),
                    pass(AUTH_BRUTE_FORCE, 443, "after 5 failed logins from one source POST /api/v1/login answers 429 with Retry-After for 60 s"),
                    inconclusive(AUTH_UNAUTHENTICATED_ACCESS, 502, "Modbus has no authentication: the SunSpec map is readable by anyone, "
                            + "but every write is refused with exception 01"),
                    pass(TLS_PROTOCOLS, 443, "only TLS 1.2 and TLS 1.3"),
                    pass(TLS_CIPHER_SUITES, 443, "only ECDHE key exchange with AEAD suites"),
                    pass(TLS_CERTIFICATE, 443, "EC P-256 key, SHA-256 signature, issued by the lab CA")),
            "API token per unit: apiToken(); installer account per unit: credentials().");

    private final String token = Credentials.randomSecret(32);
    private final String serial = "HE20K" + Credentials.randomSecret(7).toUpperCase();
    private final Credentials installer = Credentials.random("installer");
    private final BatteryApi api;

    public HardenedBattery() {
        this(LockoutPolicy.standard());
    }

    /** @param lockout e.g. a short lockout for scans that hit the login more than once */
    public HardenedBattery(LockoutPolicy lockout) {
        super(NAME);
        api = new BatteryApi(token, false, new LoginGate(CredentialStore.of(installer), lockout));
    }

    /** The unit's installer account (random per instance). */
    public Credentials credentials() {
        return installer;
    }

    public String apiToken() {
        return token;
    }

    public String serial() {
        return serial;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        new ModbusServer(SunSpecMap.load("/dev/starprobe/lab/sunspec/storage.map",
                Map.of("model", MODEL, "options", "none", "version", "3.0.1", "serial", serial)),
                new ModbusDeviceId("Hikari Energy", MODEL, "3.0.1", "http://hikari.example", "HomeStore 20", MODEL), false)
                .bind(rt, ModbusServer.PORT);
        HttpService.bind(rt, 443, "https", ModernTls.forDevice(NAME, rt.address()), null, api.routes(serial));
    }
}
