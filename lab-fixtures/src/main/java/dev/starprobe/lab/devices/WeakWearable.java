package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.MqttBroker;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/** wearable-weak: a Wi-Fi health band whose MQTT broker on 1883 takes anonymous clients and keeps health data retained. */
public final class WeakWearable extends AbstractDevice {
    public static final String NAME = "wearable-weak";
    public static final String SERIAL = "HB2-00417";
    public static final String HEALTH_TOPIC = "wearable/" + SERIAL + "/health";
    public static final String HEALTH = "{\"user\":\"Hanako Yamada\",\"heart_rate\":72,\"spo2\":98,\"steps\":5321,"
            + "\"lat\":35.6812,\"lon\":139.7671}";

    public static final GroundTruth TRUTH = new GroundTruth(Category.WEARABLE, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(1883, "mqtt")),
            List.of(
                    fail(CLEARTEXT_MQTT, 1883, "health telemetry (heart rate, SpO2, location) on MQTT without TLS"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 1883, "anonymous CONNECT accepted (CONNACK 0); SUBSCRIBE '#' delivers retained health data"),
                    fail(EXPOSURE_INFO_DISCLOSURE, 1883, "a named user's heart rate and location readable by anyone on the network")),
            "STAR-2 because it processes health data. Retained topics: " + HEALTH_TOPIC + ", wearable/" + SERIAL + "/info.");

    public WeakWearable() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        MqttBroker broker = new MqttBroker(null, null);
        broker.retain(HEALTH_TOPIC, HEALTH);
        broker.retain("wearable/" + SERIAL + "/info", "{\"model\":\"HealthBand 2\",\"firmware\":\"0.9.8\"}");
        broker.bind(rt, 1883, null);
    }
}
