package dev.starprobe.lab.devices;

import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.auth.LockoutPolicy;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** wearable-hardened: after 5 failed CONNECTs from one source even the right password gets CONNACK 5 until the lock ends. */
class MqttLockoutTest {
    static final SSLContext SSL = labTrust();

    static SSLContext labTrust() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, dev.starprobe.lab.tls.LabPki.trustManagers().getTrustManagers(), null);
            return ssl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(25)
    void hardenedWearableMqttLocksOutAndRecovers() throws Exception {
        HardenedWearable band = new HardenedWearable(new LockoutPolicy(5, Duration.ofSeconds(4)));
        try (Lab lab = Lab.start(List.of(band))) {
            String uri = "ssl://" + lab.address(HardenedWearable.NAME).getHostAddress() + ":8883";
            for (int i = 0; i < 5; i++) assertEquals(5, connect(uri, "band-app", "wrong" + i));
            assertEquals(5, connect(uri, band.mqttCredentials().user(), band.mqttCredentials().password()), "locked");
            Thread.sleep(4100);
            assertEquals(0, connect(uri, band.mqttCredentials().user(), band.mqttCredentials().password()), "lock ended");
            assertEquals(7, band.traffic().loginAttempts("mqtts"));
            assertEquals(1, band.traffic().successfulLogins("mqtts"));
        }
    }

    /** The CONNACK return code (0 = accepted). */
    static int connect(String uri, String user, String password) throws Exception {
        MqttClient c = new MqttClient(uri, "t" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(SSL.getSocketFactory());
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        try {
            c.connect(o);
            c.disconnect();
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close();
        }
    }
}
