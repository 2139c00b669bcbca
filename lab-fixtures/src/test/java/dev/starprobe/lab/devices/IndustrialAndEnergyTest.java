package dev.starprobe.lab.devices;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.LegacyTlsClient;
import dev.starprobe.lab.ModbusClient;
import dev.starprobe.lab.auth.LockoutPolicy;
import java.time.Duration;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IndustrialAndEnergyTest {
    static Lab lab;
    static WeakPlc plc = new WeakPlc();
    static HardenedGateway gateway = new HardenedGateway();
    static WeakBattery weakBattery = new WeakBattery();
    static HardenedBattery hardBattery = new HardenedBattery();
    static WeakWearable weakBand = new WeakWearable();
    static HardenedWearable hardBand = new HardenedWearable();

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(plc, gateway, weakBattery, hardBattery, weakBand, hardBand));
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    @Test
    void plcIdentifiesItselfAndAcceptsWrites() throws Exception {
        try (ModbusClient m = new ModbusClient(lab.address(WeakPlc.NAME), 502)) {
            Map<Integer, String> id = m.deviceIdentification();
            assertEquals("Koba Automation", id.get(0));
            assertEquals("KA-PLC-10", id.get(1));
            assertEquals("V1.04", id.get(2));
            assertEquals(1500, m.readHolding(1, 1)[0]);
            byte[] echo = m.writeSingle(1, 3000);
            assertEquals(6, echo[0], "write accepted (echo)");
            assertEquals(3000, m.readHolding(1, 1)[0]);
            assertEquals((byte) 0x83, m.call((byte) 3, (byte) 0x7f, (byte) 0, (byte) 0, (byte) 1)[0], "unmapped: exception");
        }
        assertEquals(1, plc.traffic().writes("modbus"));
    }

    @Test
    void gatewayIsReadOnly() throws Exception {
        try (ModbusClient m = new ModbusClient(lab.address(HardenedGateway.NAME), 502)) {
            assertEquals("KA-GW-50", m.deviceIdentification().get(1));
            byte[] r = m.writeSingle(1, 3000);
            assertArrayEquals(new byte[] {(byte) 0x86, 1}, r, "exception 01 illegal function");
            assertEquals(1500, m.readHolding(1, 1)[0], "unchanged");
        }
    }

    @Test
    void plcMqttIsAnonymousAndGatewayNeedsTlsAndPassword() throws Exception {
        MqttClient open = new MqttClient("tcp://" + lab.address(WeakPlc.NAME).getHostAddress() + ":1883", "scan", new MemoryPersistence());
        BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
        try {
            open.connect();
            open.subscribe("#", (t, msg) -> got.add(t));
            assertEquals("plant/line1/plc1/status", got.poll(3, TimeUnit.SECONDS));
        } finally {
            open.disconnect();
            open.close();
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, dev.starprobe.lab.tls.LabPki.trustManagers().getTrustManagers(), null);
        MqttClient gw = new MqttClient("ssl://" + lab.address(HardenedGateway.NAME).getHostAddress() + ":8883", "scada", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(ssl.getSocketFactory());
        o.setUserName("admin");
        o.setPassword("admin".toCharArray());
        assertEquals(5, assertThrows(org.eclipse.paho.client.mqttv3.MqttException.class, () -> gw.connect(o)).getReasonCode());
        o.setUserName(gateway.mqttCredentials().user());
        o.setPassword(gateway.mqttCredentials().password().toCharArray());
        gw.connect(o);
        assertTrue(gw.isConnected());
        gw.disconnect();
        gw.close();
    }

    @Test
    void batteryExposesSunSpecMap() throws Exception {
        for (InetAddress a : List.of(lab.address(WeakBattery.NAME), lab.address(HardenedBattery.NAME))) {
            try (ModbusClient m = new ModbusClient(a, 502)) {
                int[] head = m.readHolding(40000, 4);
                assertEquals(0x5375, head[0]);
                assertEquals(0x6e53, head[1], "SunS");
                assertEquals(1, head[2], "common model");
                assertEquals(66, head[3]);
                int[] common = m.readHolding(40004, 66);
                assertEquals("Hikari Energy", ModbusClient.string(common, 0, 16));
                String model = ModbusClient.string(common, 16, 16);
                assertTrue(model.equals("HE-10K") || model.equals("HE-20K"), model);
                int[] storage = m.readHolding(40070, 2);
                assertEquals(124, storage[0]);
                assertEquals(24, storage[1]);
                int[] end = m.readHolding(40096, 2);
                assertEquals(0xFFFF, end[0]);
                assertEquals(0, end[1]);
            }
        }
        try (ModbusClient m = new ModbusClient(lab.address(WeakBattery.NAME), 502)) {
            int[] sn = m.readHolding(40004 + 16 + 16 + 8 + 8, 16);
            assertEquals(WeakBattery.SERIAL, ModbusClient.string(sn, 0, 16));
            assertEquals(6, m.writeSingle(40072 + 3, 2)[0], "weak battery: StorCtl_Mod writable");
        }
        try (ModbusClient m = new ModbusClient(lab.address(HardenedBattery.NAME), 502)) {
            assertEquals((byte) 0x86, m.writeSingle(40072 + 3, 2)[0], "hardened battery: read-only");
        }
    }

    @Test
    void weakBatteryApiIsOpenAndTakes0000OverLegacyTls() throws Exception {
        InetAddress a = lab.address(WeakBattery.NAME);
        try (LegacyTlsClient.Session s = LegacyTlsClient.connect(a, 443, new ProtocolVersion[] {ProtocolVersion.TLSv10},
                new int[] {CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA})) {
            String res = s.request("GET /api/v1/status HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n", 4096);
            assertTrue(res.startsWith("HTTP/1.1 200"), res);
            assertTrue(res.contains("\"soc\":76"));
        }
        try (LegacyTlsClient.Session s = LegacyTlsClient.connect(a, 443, new ProtocolVersion[] {ProtocolVersion.TLSv12},
                new int[] {CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA})) {
            String body = "{\"mode\":\"discharge\"}";
            String res = s.request("POST /api/v1/control HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer 0000\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, 4096);
            assertTrue(res.startsWith("HTTP/1.1 200"), res);
        }
        assertEquals("discharge", weakBattery.mode());
    }

    @Test
    void hardenedBatteryApiNeedsItsToken() throws Exception {
        HttpClient c = https();
        InetAddress a = lab.address(HardenedBattery.NAME);
        assertEquals(401, get(c, url("https", a, 443, "/api/v1/status")).statusCode());
        assertEquals(401, get(c, url("https", a, 443, "/api/v1/status"), "Authorization", "Bearer 0000").statusCode());
        assertEquals(200, get(c, url("https", a, 443, "/api/v1/status"), "Authorization", "Bearer " + hardBattery.apiToken()).statusCode());
    }

    @Test
    void weakBatteryLoginTakesTheFactoryAccountAndHandsOutTheFixedToken() throws Exception {
        InetAddress a = lab.address(WeakBattery.NAME);
        String ok = batteryLogin(a, WeakBattery.DEFAULT.user(), WeakBattery.DEFAULT.password());
        assertTrue(ok.startsWith("HTTP/1.1 200") && ok.contains("\"token\":\"" + WeakBattery.TOKEN + "\""), ok);
        for (int i = 0; i < 8; i++) assertTrue(batteryLogin(a, "user", "wrong" + i).startsWith("HTTP/1.1 401"), "no lockout");
    }

    private static String batteryLogin(InetAddress a, String user, String password) throws Exception {
        try (LegacyTlsClient.Session s = LegacyTlsClient.connect(a, 443, new ProtocolVersion[] {ProtocolVersion.TLSv12},
                new int[] {CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA})) {
            String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
            return s.request("POST /api/v1/login HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body, 4096);
        }
    }

    @Test
    void hardenedBatteryLoginHandsOutTheUnitTokenAndLocksOut() throws Exception {
        HardenedBattery unit = new HardenedBattery(new LockoutPolicy(5, Duration.ofSeconds(1)));
        try (Lab own = Lab.start(List.of(unit))) {
            HttpClient c = https();
            String url = url("https", own.address(HardenedBattery.NAME), 443, "/api/v1/login");
            String good = "{\"username\":\"installer\",\"password\":\"" + unit.credentials().password() + "\"}";
            var ok = post(c, url, "application/json", good);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains(unit.apiToken()), ok.body());
            for (String[] p : new String[][] {{"admin", "admin"}, {"user", "0000"}, {"installer", "1111"}, {"x", "y"}, {"installer", "z"}}) {
                assertEquals(401, post(c, url, "application/json", "{\"username\":\"" + p[0] + "\",\"password\":\"" + p[1] + "\"}").statusCode());
            }
            var locked = post(c, url, "application/json", good);
            assertEquals(429, locked.statusCode());
            assertTrue(locked.headers().firstValue("Retry-After").isPresent());
            Thread.sleep(1100);
            assertEquals(200, post(c, url, "application/json", good).statusCode(), "the lock ends");
        }
    }

    @Test
    void weakWearableLeaksRetainedHealthDataToAnonymousSubscribers() throws Exception {
        MqttClient c = new MqttClient("tcp://" + lab.address(WeakWearable.NAME).getHostAddress() + ":1883", "spy", new MemoryPersistence());
        BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
        try {
            c.connect();
            c.subscribe("#", (t, m) -> {
                if (t.equals(WeakWearable.HEALTH_TOPIC) && m.isRetained()) got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            });
            assertEquals(WeakWearable.HEALTH, got.poll(3, TimeUnit.SECONDS));
        } finally {
            c.disconnect();
            c.close();
        }
        assertTrue(weakBand.traffic().requests("mqtt") >= 2, "CONNECT and SUBSCRIBE recorded");
    }

    @Test
    void hardenedWearableRefusesAnonymousMqttAndApiWithoutToken() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, dev.starprobe.lab.tls.LabPki.trustManagers().getTrustManagers(), null);
        InetAddress a = lab.address(HardenedWearable.NAME);
        MqttClient c = new MqttClient("ssl://" + a.getHostAddress() + ":8883", "spy", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(ssl.getSocketFactory());
        assertEquals(5, assertThrows(org.eclipse.paho.client.mqttv3.MqttException.class, () -> c.connect(o)).getReasonCode());
        c.close();
        assertThrows(java.net.ConnectException.class, () -> connect(a, 1883).close());
        assertEquals(401, get(https(), url("https", a, 443, "/api/v1/health")).statusCode());
        assertEquals(200, get(https(), url("https", a, 443, "/api/v1/health"), "Authorization", "Bearer " + hardBand.apiToken()).statusCode());
    }
}
