package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.notApplicable;
import static dev.starprobe.lab.ExpectedVerdict.pass;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.proto.CoapService;
import dev.starprobe.lab.proto.LockController;
import dev.starprobe.lab.proto.MdnsResponder;
import dev.starprobe.lab.proto.MqttBroker;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.lab.tls.ModernTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * smart-lock-hardened: the same signed commands over HTTPS 443, MQTT over TLS 8883 (username/password) and
 * CoAPs 5684 (PSK), with replay protection: a nonce is accepted once, timestamps must be within ±30 s.
 */
public final class HardenedSmartLock extends AbstractDevice {
    public static final String NAME = "smart-lock-hardened";
    public static final String SERIAL = "SL900B1187";

    public static final GroundTruth TRUTH = new GroundTruth(Category.SMART_HOME, StarLevel.STAR_2,
            List.of(ServiceTruth.tls(443, "https"), ServiceTruth.tls(8883, "mqtts"), ServiceTruth.dtls(5684, "coaps"),
                    ServiceTruth.udp(MdnsResponder.PORT, "mdns")),
            List.of(
                    pass(REPLAY_HTTP, 443, "a replayed POST /api/lock is refused (409 reused nonce; 401 when ts is outside ±30 s)"),
                    pass(REPLAY_MQTT, 8883, "a replayed command is refused (result replayed_nonce / stale_timestamp)"),
                    pass(REPLAY_COAP, 5684, "a replayed POST /lock is refused (4.03 reused nonce, 4.01 stale timestamp)"),
                    pass(TLS_PROTOCOLS, 443, "only TLS 1.2 and TLS 1.3"),
                    pass(TLS_PROTOCOLS, 8883, "only TLS 1.2 and TLS 1.3"),
                    pass(DTLS_PROTOCOLS, 5684, "only DTLS 1.2 with AEAD suites"),
                    notApplicable(CLEARTEXT_MQTT, null, "no MQTT on 1883"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 443, "GET /api/state needs the bearer token (401 otherwise)"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 8883, "CONNECT without valid username/password gets CONNACK 5")),
            "Secrets per unit: commandKey(), apiToken(), mqttCredentials(), pskIdentity()/pskSecret().");

    private final byte[] key = LabPki.randomBytes(32);
    private final LockController lock = new LockController(key, true);
    private final String apiToken = Credentials.randomSecret(32);
    private final Credentials mqtt = Credentials.random("lock-app");
    private final String pskIdentity = "lock-" + Credentials.randomSecret(8);
    private final byte[] pskSecret = LabPki.randomBytes(16);

    private final LockoutPolicy lockout;

    public HardenedSmartLock() {
        this(LockoutPolicy.standard());
    }

    /** @param lockout of the MQTT login, e.g. a short one for scans that also run brute-force checks */
    public HardenedSmartLock(LockoutPolicy lockout) {
        super(NAME);
        this.lockout = lockout;
    }

    public byte[] commandKey() {
        return key.clone();
    }

    public String sampleCommand(String action) {
        return LockController.command(key, action);
    }

    public String apiToken() {
        return apiToken;
    }

    public Credentials mqttCredentials() {
        return mqtt;
    }

    public String pskIdentity() {
        return pskIdentity;
    }

    public byte[] pskSecret() {
        return pskSecret.clone();
    }

    public LockController lock() {
        return lock;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        ModernTls tls = ModernTls.forDevice(NAME, rt.address());
        HttpService.bind(rt, 443, "https", tls, null, new HttpRoutes()
                .post("/api/lock", LockInterfaces.http(lock))
                .get("/api/state", ex -> ("Bearer " + apiToken).equals(ex.header(HttpHeaderNames.AUTHORIZATION))
                        ? Responses.json(HttpResponseStatus.OK, lock.stateJson())
                        : Responses.json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"unauthorized\"}")));
        MqttBroker broker = new MqttBroker(new LoginGate(CredentialStore.of(mqtt), lockout),
                LockInterfaces.mqtt(lock, SERIAL));
        broker.retain("lock/" + SERIAL + "/state", lock.stateJson());
        broker.bind(rt, 8883, tls);
        CoapService.startDtls(rt, 5684, pskIdentity, pskSecret,
                LockInterfaces.coap(lock, new ServiceContext("coaps", 5684, rt.log())));
        // how the companion app finds the lock on the home network: its name says what it is
        MdnsResponder.bind(rt, "sl900-" + SERIAL.substring(SERIAL.length() - 4).toLowerCase(java.util.Locale.ROOT),
                List.of(new MdnsResponder.Advert("_https._tcp", "SL900 Smart Lock " + SERIAL.substring(SERIAL.length() - 4),
                        443, List.of("md=SL900", "path=/api"))));
    }
}
