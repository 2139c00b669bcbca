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

/**
 * wearable-weak: a Wi-Fi health band whose MQTT broker on 1883 takes anonymous clients and keeps health data
 * retained, as well as the provisioning message the companion app left retained (home Wi-Fi key and the
 * band's cloud API token), and the broker's own {@code $SYS/broker/version}.
 */
public final class WeakWearable extends AbstractDevice {
    public static final String NAME = "wearable-weak";
    public static final String SERIAL = "HB2-00417";
    public static final String HEALTH_TOPIC = "wearable/" + SERIAL + "/health";
    public static final String HEALTH = "{\"user\":\"Hanako Yamada\",\"heart_rate\":72,\"spo2\":98,\"steps\":5321,"
            + "\"lat\":35.6812,\"lon\":139.7671}";

    public static final String CONFIG_TOPIC = "wearable/" + SERIAL + "/config";
    public static final String CLOUD_TOKEN = "hb2_live_4f9a1c7e2b8d6053a1e9c4b7";
    public static final String WIFI_PASSWORD = "sakura-2019-home";
    public static final String CONFIG = "{\"wifi_ssid\":\"Yamada-Home\",\"wifi_password\":\"" + WIFI_PASSWORD + "\","
            + "\"cloud_api_token\":\"" + CLOUD_TOKEN + "\",\"sync_interval\":300}";
    public static final String BROKER_VERSION = "mosquitto version 1.4.15";

    public static final GroundTruth TRUTH = new GroundTruth(Category.WEARABLE, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(1883, "mqtt")),
            List.of(
                    fail(CLEARTEXT_MQTT, 1883, "health telemetry (heart rate, SpO2, location) on MQTT without TLS"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 1883, "anonymous CONNECT accepted (CONNACK 0); SUBSCRIBE '#' delivers retained health data"),
                    fail(EXPOSURE_INFO_DISCLOSURE, 1883, "the retained provisioning message on " + CONFIG_TOPIC
                            + " carries the home Wi-Fi password and the cloud API token, readable by any anonymous client;"
                            + " $SYS/broker/version (" + BROKER_VERSION + ") is recorded as a version")),
            "STAR-2 because it processes health data. Retained topics: " + HEALTH_TOPIC + ", wearable/" + SERIAL + "/info, "
                    + CONFIG_TOPIC + ", $SYS/broker/version.");

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
        broker.retain(CONFIG_TOPIC, CONFIG);
        broker.retain("$SYS/broker/version", BROKER_VERSION);
        broker.bind(rt, 1883, null);
    }
}
