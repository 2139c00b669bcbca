package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.inconclusive;
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
import dev.starprobe.lab.proto.MdnsResponder;
import dev.starprobe.lab.proto.MqttBroker;
import dev.starprobe.lab.tls.ModernTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** wearable-hardened: MQTT only over TLS on 8883 with username/password and lockout; HTTPS JSON API with a bearer token. */
public final class HardenedWearable extends AbstractDevice {
    public static final String NAME = "wearable-hardened";
    public static final String SERIAL = "HB5-10022";

    public static final GroundTruth TRUTH = new GroundTruth(Category.WEARABLE, StarLevel.STAR_2,
            List.of(ServiceTruth.tls(443, "https"), ServiceTruth.tls(8883, "mqtts"), ServiceTruth.udp(MdnsResponder.PORT, "mdns")),
            List.of(
                    notApplicable(CLEARTEXT_MQTT, null, "no MQTT on 1883; MQTT only over TLS on 8883"),
                    pass(TLS_PROTOCOLS, 8883, "only TLS 1.2 and TLS 1.3"),
                    pass(TLS_PROTOCOLS, 443, "only TLS 1.2 and TLS 1.3"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 8883, "CONNECT without valid username/password gets CONNACK 5"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 443, "GET /api/v1/health needs the bearer token (401 otherwise)"),
                    pass(AUTH_DEFAULT_CREDENTIALS, 8883, "common defaults refused; credentials unique per unit"),
                    pass(AUTH_BRUTE_FORCE, 8883, "after 5 failed CONNECTs from one source every CONNECT, the owner's too, gets"
                            + " CONNACK 5 for 60 s: visible only with the owner's credential (a scan with the unit's inventory"
                            + " credential 'mqtt'), since CONNACK 5 also answers a wrong password; without it INCONCLUSIVE"),
                    pass(EXPOSURE_INFO_DISCLOSURE, 443, "the HTTPS API answers 401 or 404 without the bearer token: no key,"
                            + " password or token is served, and no version header"),
                    inconclusive(PRODUCT_MODEL_DESIGNATION, null, "md=HB5 in the mDNS TXT record the companion app reads:"
                            + " supporting evidence only, the label or watch face must be checked")),
            "Secrets per unit: mqttCredentials(), apiToken().");

    private final Credentials mqtt = Credentials.random("band-app");
    private final String apiToken = Credentials.randomSecret(32);
    private final LockoutPolicy lockout;

    public HardenedWearable() {
        this(LockoutPolicy.standard());
    }

    public HardenedWearable(LockoutPolicy lockout) {
        super(NAME);
        this.lockout = lockout;
    }

    public Credentials mqttCredentials() {
        return mqtt;
    }

    public String apiToken() {
        return apiToken;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        ModernTls tls = ModernTls.forDevice(NAME, rt.address());
        String health = "{\"heart_rate\":64,\"spo2\":99,\"steps\":1200}";
        MqttBroker broker = new MqttBroker(new LoginGate(CredentialStore.of(mqtt), lockout), null);
        broker.retain("wearable/" + SERIAL + "/health", health);
        broker.bind(rt, 8883, tls);
        HttpService.bind(rt, 443, "https", tls, null, new HttpRoutes()
                .get("/api/v1/health", ex -> ("Bearer " + apiToken).equals(ex.header(HttpHeaderNames.AUTHORIZATION))
                        ? Responses.json(HttpResponseStatus.OK, health)
                        : Responses.json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"unauthorized\"}")));
        // how the companion app finds the watch for pairing and sync: its name says what it is
        MdnsResponder.bind(rt, "hb5-" + SERIAL.substring(SERIAL.length() - 4),
                List.of(new MdnsResponder.Advert("_https._tcp", "HB5 Smartwatch " + SERIAL.substring(SERIAL.length() - 4),
                        443, List.of("md=HB5", "path=/api/v1"))));
    }
}
