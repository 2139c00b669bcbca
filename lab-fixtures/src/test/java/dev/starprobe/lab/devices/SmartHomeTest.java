package dev.starprobe.lab.devices;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.CoapClients;
import dev.starprobe.lab.Lab;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SmartHomeTest {
    static Lab lab;
    static WeakSmartPlug weakPlug = new WeakSmartPlug();
    static HardenedSmartPlug hardPlug = new HardenedSmartPlug();
    static WeakSmartLock weakLock = new WeakSmartLock();
    static HardenedSmartLock hardLock = new HardenedSmartLock();

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(weakPlug, hardPlug, weakLock, hardLock));
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    @Test
    void weakPlugSwitchesWithoutAuthenticationOverPlainCoap() throws Exception {
        InetAddress a = lab.address(WeakSmartPlug.NAME);
        CoapClient core = CoapClients.plain(a, 5683, ".well-known/core");
        CoapClient relay = CoapClients.plain(a, 5683, "relay");
        try {
            CoapResponse wk = core.get();
            assertNotNull(wk);
            assertTrue(wk.getResponseText().contains("</relay>"), wk.getResponseText());
            assertEquals("off", relay.get().getResponseText());
            CoapResponse put = relay.put("on", MediaTypeRegistry.TEXT_PLAIN);
            assertEquals(ResponseCode.CHANGED, put.getCode());
            assertTrue(weakPlug.relayOn());
            assertEquals(1, weakPlug.traffic().writes("coap"));
        } finally {
            CoapClients.close(core);
            CoapClients.close(relay);
        }
    }

    @Test
    void hardenedPlugHasNoPlainCoapAndNeedsPskToSwitch() throws Exception {
        InetAddress a = lab.address(HardenedSmartPlug.NAME);
        CoapClient plain = CoapClients.plain(a, 5683, "relay");
        plain.setTimeout(1000L);
        try {
            assertNull(plain.get(), "nothing answers on 5683");
        } finally {
            CoapClients.close(plain);
        }
        CoapClient cert = CoapClients.dtls(a, 5684, "relay", null, null);
        try {
            CoapResponse get = cert.get();
            assertNotNull(get, "certificate-based DTLS 1.2 handshake works");
            assertEquals(ResponseCode.CONTENT, get.getCode());
            assertEquals(ResponseCode.UNAUTHORIZED, cert.put("on", MediaTypeRegistry.TEXT_PLAIN).getCode());
            assertFalse(hardPlug.relayOn());
        } finally {
            CoapClients.close(cert);
        }
        CoapClient psk = CoapClients.dtls(a, 5684, "relay", hardPlug.pskIdentity(), hardPlug.pskSecret());
        try {
            assertEquals(ResponseCode.CHANGED, psk.put("on", MediaTypeRegistry.TEXT_PLAIN).getCode());
            assertTrue(hardPlug.relayOn());
        } finally {
            CoapClients.close(psk);
        }
    }

    @Test
    void weakLockExecutesReplayedHttpCommand() throws Exception {
        HttpClient c = http();
        String u = url("http", lab.address(WeakSmartLock.NAME), 80, "/api/lock");
        String captured = weakLock.sampleCommand("unlock");
        long before = weakLock.lock().operations();
        assertEquals(200, post(c, u, "application/json", captured).statusCode());
        HttpResponse<String> replay = post(c, u, "application/json", captured);
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(before + 2, weakLock.lock().operations());
        assertEquals(401, post(c, u, "application/json", captured.replace("\"unlock\"", "\"lock\"")).statusCode(),
                "a tampered command fails the signature");
        assertEquals(200, get(c, url("http", lab.address(WeakSmartLock.NAME), 80, "/api/state")).statusCode());
    }

    @Test
    void hardenedLockRejectsReplayedAndStaleHttpCommands() throws Exception {
        HttpClient c = https();
        InetAddress a = lab.address(HardenedSmartLock.NAME);
        String u = url("https", a, 443, "/api/lock");
        String captured = hardLock.sampleCommand("unlock");
        assertEquals(200, post(c, u, "application/json", captured).statusCode());
        assertEquals(409, post(c, u, "application/json", captured).statusCode());
        byte[] key = hardLock.commandKey();
        long old = System.currentTimeMillis() / 1000 - 120;
        String stale = "{\"action\":\"unlock\",\"ts\":" + old + ",\"nonce\":\"n-old\",\"sig\":\""
                + dev.starprobe.lab.proto.LockController.sign(key, "unlock", old, "n-old") + "\"}";
        assertEquals(401, post(c, u, "application/json", stale).statusCode());
        assertEquals(401, get(c, url("https", a, 443, "/api/state")).statusCode());
        assertEquals(200, get(c, url("https", a, 443, "/api/state"), "Authorization", "Bearer " + hardLock.apiToken()).statusCode());
    }

    @Test
    void weakLockExecutesReplayedMqttCommand() throws Exception {
        InetAddress a = lab.address(WeakSmartLock.NAME);
        MqttClient client = new MqttClient("tcp://" + a.getHostAddress() + ":1883", "app", new MemoryPersistence());
        BlockingQueue<String> results = new ArrayBlockingQueue<>(10);
        try {
            client.connect(); // anonymous
            client.subscribe("lock/" + WeakSmartLock.SERIAL + "/result", (t, m) -> results.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            String captured = weakLock.sampleCommand("unlock");
            client.publish("lock/" + WeakSmartLock.SERIAL + "/cmd", new MqttMessage(captured.getBytes(StandardCharsets.UTF_8)));
            assertEquals("{\"result\":\"ok\"}", results.poll(3, TimeUnit.SECONDS));
            client.publish("lock/" + WeakSmartLock.SERIAL + "/cmd", new MqttMessage(captured.getBytes(StandardCharsets.UTF_8)));
            assertEquals("{\"result\":\"ok\"}", results.poll(3, TimeUnit.SECONDS), "replay accepted");
        } finally {
            if (client.isConnected()) client.disconnect();
            client.close();
        }
    }

    @Test
    void hardenedLockRejectsReplayedMqttCommandAndAnonymousClients() throws Exception {
        InetAddress a = lab.address(HardenedSmartLock.NAME);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, dev.starprobe.lab.tls.LabPki.trustManagers().getTrustManagers(), null);
        String uri = "ssl://" + a.getHostAddress() + ":8883";
        MqttClient anon = new MqttClient(uri, "anon", new MemoryPersistence());
        MqttConnectOptions anonOpts = new MqttConnectOptions();
        anonOpts.setSocketFactory(ssl.getSocketFactory());
        var e = assertThrows(org.eclipse.paho.client.mqttv3.MqttException.class, () -> anon.connect(anonOpts));
        assertEquals(5, e.getReasonCode(), "CONNACK 5 not authorized");
        anon.close();

        MqttClient client = new MqttClient(uri, "app", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(ssl.getSocketFactory());
        o.setUserName(hardLock.mqttCredentials().user());
        o.setPassword(hardLock.mqttCredentials().password().toCharArray());
        BlockingQueue<String> results = new ArrayBlockingQueue<>(10);
        try {
            client.connect(o);
            client.subscribe("lock/" + HardenedSmartLock.SERIAL + "/result", (t, m) -> results.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            String captured = hardLock.sampleCommand("lock");
            client.publish("lock/" + HardenedSmartLock.SERIAL + "/cmd", new MqttMessage(captured.getBytes(StandardCharsets.UTF_8)));
            assertEquals("{\"result\":\"ok\"}", results.poll(3, TimeUnit.SECONDS));
            client.publish("lock/" + HardenedSmartLock.SERIAL + "/cmd", new MqttMessage(captured.getBytes(StandardCharsets.UTF_8)));
            assertEquals("{\"result\":\"replayed_nonce\"}", results.poll(3, TimeUnit.SECONDS));
        } finally {
            if (client.isConnected()) client.disconnect();
            client.close();
        }
    }

    @Test
    void coapLockReplayAcceptedOnWeakRefusedOnHardened() throws Exception {
        CoapClient weak = CoapClients.plain(lab.address(WeakSmartLock.NAME), 5683, "lock");
        try {
            String captured = weakLock.sampleCommand("unlock");
            assertEquals(ResponseCode.CHANGED, weak.post(captured, MediaTypeRegistry.APPLICATION_JSON).getCode());
            assertEquals(ResponseCode.CHANGED, weak.post(captured, MediaTypeRegistry.APPLICATION_JSON).getCode());
        } finally {
            CoapClients.close(weak);
        }
        CoapClient hard = CoapClients.dtls(lab.address(HardenedSmartLock.NAME), 5684, "lock", hardLock.pskIdentity(), hardLock.pskSecret());
        try {
            String captured = hardLock.sampleCommand("unlock");
            assertEquals(ResponseCode.CHANGED, hard.post(captured, MediaTypeRegistry.APPLICATION_JSON).getCode());
            assertEquals(ResponseCode.FORBIDDEN, hard.post(captured, MediaTypeRegistry.APPLICATION_JSON).getCode());
        } finally {
            CoapClients.close(hard);
        }
    }
}
