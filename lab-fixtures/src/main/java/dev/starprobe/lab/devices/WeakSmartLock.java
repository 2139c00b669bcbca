package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.proto.CoapService;
import dev.starprobe.lab.proto.LockController;
import dev.starprobe.lab.proto.MqttBroker;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * smart-lock-weak: signed lock commands (HMAC) over HTTP 80, MQTT 1883 (anonymous) and CoAP 5683, but no
 * freshness check: a captured valid command is executed again when replayed verbatim.
 */
public final class WeakSmartLock extends AbstractDevice {
    public static final String NAME = "smart-lock-weak";
    public static final String SERIAL = "SL100A7731";

    public static final GroundTruth TRUTH = new GroundTruth(Category.SMART_HOME, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(80, "http"), ServiceTruth.tcp(1883, "mqtt"), ServiceTruth.udp(5683, "coap")),
            List.of(
                    fail(REPLAY_HTTP, 80, "a captured signed POST /api/lock is executed again when replayed verbatim (200)"),
                    fail(REPLAY_MQTT, 1883, "a captured command on lock/" + SERIAL + "/cmd is executed again when replayed"),
                    fail(REPLAY_COAP, 5683, "a captured POST /lock is executed again when replayed (2.04)"),
                    fail(CLEARTEXT_MQTT, 1883, "MQTT without TLS carries lock commands and state"),
                    fail(CLEARTEXT_COAP, 5683, "CoAP without DTLS carries lock commands and state"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 80, "GET /api/state answers without authentication"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 1883, "anonymous MQTT CONNECT accepted (CONNACK 0)")),
            "Commands: {\"action\",\"ts\",\"nonce\",\"sig\"} with sig = hex HMAC-SHA256(key, action|ts|nonce); "
                    + "the key is commandKey(), sampleCommand() makes a fresh valid one.");

    private final byte[] key = LabPki.randomBytes(32);
    private final LockController lock = new LockController(key, false);

    public WeakSmartLock() {
        super(NAME);
    }

    public byte[] commandKey() {
        return key.clone();
    }

    /** A fresh valid command, as captured from the companion app. */
    public String sampleCommand(String action) {
        return LockController.command(key, action);
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
        HttpService.bind(rt, 80, "http", null, "lwIP/2.1.2", new HttpRoutes()
                .post("/api/lock", LockInterfaces.http(lock))
                .get("/api/state", ex -> Responses.json(HttpResponseStatus.OK, lock.stateJson())));
        MqttBroker broker = new MqttBroker(null, LockInterfaces.mqtt(lock, SERIAL));
        broker.retain("lock/" + SERIAL + "/state", lock.stateJson());
        broker.bind(rt, 1883, null);
        CoapService.startUdp(rt, 5683, LockInterfaces.coap(lock, new ServiceContext("coap", 5683, rt.log())));
    }
}
