package dev.starprobe.plugins.identify;

import dev.starprobe.plugins.modbus.ModbusFrames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Example responses for the protocol parsers behind identification, and garbage they must survive. */
class IdentifyParsersTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void modbusRequestsAreWellFormedReadOnlyFrames() {
        assertArrayEquals(HEX.parseHex("0001000000050" + "1" + "2b0e0100"), ModbusFrames.readDeviceId(1));
        assertArrayEquals(HEX.parseHex("000200000006010" + "39c400004"), ModbusFrames.readHolding(2, 40000, 4));
    }

    @Test
    void modbusDeviceIdentificationReplyGivesVendorProductRevision() {
        // 43/14 read code 1, conformity 0x82, no more follows, 3 objects
        byte[] frame = HEX.parseHex("00070000000001" + "2b0e01820000" + "03" + obj(0, "Acme") + obj(1, "PX-10") + obj(2, "V1"));
        frame[5] = (byte) (frame.length - 6);
        byte[] pdu = ModbusFrames.pdu(frame, 7).orElseThrow();
        assertEquals(Map.of(0, "Acme", 1, "PX-10", 2, "V1"), ModbusFrames.deviceIdObjects(pdu));
        assertTrue(ModbusFrames.pdu(frame, 8).isEmpty(), "a reply to another transaction is not ours");
    }

    @Test
    void modbusExceptionReplyIsRecognised() {
        byte[] pdu = ModbusFrames.pdu(HEX.parseHex("0003000000030" + "1ab01"), 3).orElseThrow();
        assertTrue(ModbusFrames.isException(pdu));
        assertEquals(Map.of(), ModbusFrames.deviceIdObjects(pdu));
    }

    @Test
    void sunSpecMarkerAndStringsDecodeFromRegisters() {
        int[] regs = ModbusFrames.registers(HEX.parseHex("03" + "08" + "5375" + "6e53" + "0001" + "0042"), 4);
        assertArrayEquals(new int[]{0x5375, 0x6e53, 1, 66}, regs);
        assertNull(ModbusFrames.registers(HEX.parseHex("0306" + "53756e53"), 3), "byte count must match");
        int[] text = {0x4869, 0x6b61, 0x7269, 0x0000};
        assertEquals("Hikari", ModbusFrames.registerString(text, 0, 4));
        assertNull(ModbusFrames.registerString(new int[]{0, 0}, 0, 2));
    }

    @Test
    void mqttRetainedPublishesGiveTopicNamesOnly() {
        byte[] suback = HEX.parseHex("9003000100");
        byte[] p1 = publish("wearable/X1/health", "{\"heart_rate\":64}");
        byte[] p2 = publish("lock/A/state", "{}");
        byte[] all = concat(suback, p1, p2);
        assertEquals(List.of("wearable/X1/health", "lock/A/state"), List.copyOf(MqttTopics.publishedTopics(all)));
        byte[] cut = java.util.Arrays.copyOf(all, all.length - 3);
        assertEquals(Set.of("wearable/X1/health"), MqttTopics.publishedTopics(cut), "a truncated packet is dropped");
    }

    @Test
    void upnpDescriptionFieldsComeFromTheRootDevice() {
        String xml = "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
                + "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
                + "<manufacturer>Example Networks</manufacturer><modelName>XR-1</modelName>"
                + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType></device></deviceList>"
                + "</device></root>";
        Map<String, String> f = UpnpDescriptionFields.parse(xml);
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:1", f.get("upnp.deviceType"));
        assertEquals("Example Networks", f.get("upnp.manufacturer"));
        assertEquals("XR-1", f.get("upnp.modelName"));
    }

    @Test
    void upnpDescriptionPathComesFromTheSsdpLocationOnThisPortOnly() {
        assertEquals("/desc/igd.xml", HttpProbe.descriptionPath("http://192.0.2.1:5000/desc/igd.xml", 5000));
        assertEquals("/rootDesc.xml", HttpProbe.descriptionPath("http://192.0.2.1:5000/desc/igd.xml", 49152));
        assertEquals("/rootDesc.xml", HttpProbe.descriptionPath(null, 49152));
    }

    @Test
    void onvifDeviceInformationOrItsAuthFaultShowAnOnvifService() {
        String open = "HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n\r\n<s:Envelope xmlns:s=\"x\"><s:Body>"
                + "<tds:GetDeviceInformationResponse><tds:Manufacturer>Example Vision</tds:Manufacturer>"
                + "<tds:Model>EV-200</tds:Model><tds:FirmwareVersion>2.1</tds:FirmwareVersion>"
                + "</tds:GetDeviceInformationResponse></s:Body></s:Envelope>";
        Map<String, String> a = OnvifDeviceInfo.parse(open);
        assertEquals("Example Vision", a.get("onvif.manufacturer"));
        assertEquals("EV-200", a.get("onvif.model"));
        assertTrue(a.get("onvif").startsWith("present"));
        String fault = "HTTP/1.1 400 Bad Request\r\n\r\n<s:Envelope xmlns:ter=\"http://www.onvif.org/ver10/error\">"
                + "<s:Body><s:Fault><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Fault></s:Body></s:Envelope>";
        assertEquals(Map.of("onvif", "present, auth required"), OnvifDeviceInfo.parse(fault));
        assertEquals(Map.of(), OnvifDeviceInfo.parse("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n"),
                "a plain 401 of any web server is not ONVIF");
        assertEquals(Map.of(), OnvifDeviceInfo.parse("HTTP/1.1 404 Not Found\r\n\r\n"));
    }

    @Test
    void coapWellKnownCoreReplyGivesResourcePaths() {
        // ACK 2.05, mid 0x0102, Content-Format 40 (link-format), payload marker
        String links = "</.well-known/core>;ct=40,</relay>;rt=\"switch\";if=\"actuator\",</lock>;obs";
        byte[] reply = concat(HEX.parseHex("61450102aa" + "c128" + "ff"), links.getBytes(StandardCharsets.US_ASCII));
        String payload = CoapResourcesProbe.payload(reply, 0x0102).orElseThrow();
        assertEquals(List.of("/relay", "/lock"), CoapResourcesProbe.linkPaths(payload));
        assertTrue(CoapResourcesProbe.payload(reply, 0x0103).isEmpty(), "an ACK to another message is not ours");
        assertTrue(CoapResourcesProbe.payload(HEX.parseHex("60840102"), 0x0102).isEmpty(), "4.04 has no resources");
        assertArrayEquals(HEX.parseHex("40010102bb2e77656c6c2d6b6e6f776e04636f7265"), CoapResourcesProbe.request(0x0102));
    }

    @Test
    void parsersNeverThrowOnGarbage() {
        Random r = new Random(4);
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            if (b.length > 3 && i % 2 == 0) { b[2] = 0; b[3] = 0; } // often look like MBAP
            ModbusFrames.pdu(b, 1).ifPresent(p -> {
                ModbusFrames.deviceIdObjects(p);
                ModbusFrames.registers(p, r.nextInt(5) + 1);
            });
            ModbusFrames.deviceIdObjects(b);
            ModbusFrames.registers(b, 3);
            MqttTopics.publishedTopics(b);
            CoapResourcesProbe.payload(b, 1).ifPresent(CoapResourcesProbe::linkPaths);
            UpnpDescriptionFields.parse(new String(b, StandardCharsets.ISO_8859_1));
            OnvifDeviceInfo.parse("HTTP/1.1 200 OK\r\n\r\n" + new String(b, StandardCharsets.ISO_8859_1));
        }
    }

    private static String obj(int id, String v) {
        return String.format("%02x%02x", id, v.length()) + HEX.formatHex(v.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] publish(String topic, String payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        int len = 2 + t.length + p.length;
        byte[] out = new byte[2 + len];
        out[0] = 0x31; // PUBLISH, retain
        out[1] = (byte) len;
        out[2] = (byte) (t.length >> 8);
        out[3] = (byte) t.length;
        System.arraycopy(t, 0, out, 4, t.length);
        System.arraycopy(p, 0, out, 4 + t.length, p.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
