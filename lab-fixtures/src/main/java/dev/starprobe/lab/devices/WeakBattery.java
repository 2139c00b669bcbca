package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;

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
import dev.starprobe.lab.tls.LegacyTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;
import java.util.Map;

/**
 * battery-weak: a home battery with a writable SunSpec Modbus map (common model 1 + storage model 124) and
 * an HTTPS API on legacy TLS whose status needs no token, whose login takes the factory account user/0000
 * (no lockout) and whose control takes the token that login hands out: the fixed "0000" of every unit.
 */
public final class WeakBattery extends AbstractDevice {
    public static final String NAME = "battery-weak";
    public static final String TOKEN = "0000";
    public static final String SERIAL = "HE10K2203001";
    public static final String MODEL = "HE-10K";
    /** The factory account of the installer app, the same on every unit (printed in the manual). */
    public static final Credentials DEFAULT = new Credentials("user", "0000");

    public static final GroundTruth TRUTH = new GroundTruth(Category.ENERGY_STORAGE, StarLevel.STAR_2,
            List.of(ServiceTruth.tls(443, "https"), ServiceTruth.tcp(502, "modbus")),
            List.of(
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 443, "GET /api/v1/status answers without a token"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 443, "POST /api/v1/login accepts the factory account user/0000 and hands out"
                            + " the control token (the fixed '0000' of every unit); random credentials get 401"),
                    fail(AUTH_BRUTE_FORCE, 443, "the JSON login answers every wrong password at once with the same 401, no lockout"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 502, "SunSpec storage control registers writable over Modbus by anyone"),
                    fail(TLS_PROTOCOLS, 443, "TLS 1.0 and TLS 1.1 accepted on 443"),
                    fail(TLS_CIPHER_SUITES, 443, "only TLS_RSA_* suites: no forward secrecy, CBC, 3DES"),
                    fail(TLS_CERTIFICATE, 443, "1024-bit RSA self-signed certificate with a SHA-1 signature")),
            "SunSpec: 'SunS' at 40000, model 1 (L=66) then model 124 storage (L=24), end 0xFFFF. STAR-2: remote charge/discharge control. The RSA key is the same on every weak unit of the lab (vendor key reuse).");

    private final BatteryApi api = new BatteryApi(TOKEN, true, new LoginGate(CredentialStore.of(DEFAULT), LockoutPolicy.none()));

    public WeakBattery() {
        super(NAME);
    }

    public String mode() {
        return api.mode();
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        new ModbusServer(SunSpecMap.load("/dev/starprobe/lab/sunspec/storage.map",
                Map.of("model", MODEL, "options", "none", "version", "1.2.7", "serial", SERIAL)),
                new ModbusDeviceId("Hikari Energy", MODEL, "1.2.7", "http://hikari.example", "HomeStore 10", MODEL), true)
                .bind(rt, ModbusServer.PORT);
        HttpService.bind(rt, 443, "https", LegacyTls.forDevice("battery", rt.address()), "GoAhead-Webs", api.routes(SERIAL));
    }
}
