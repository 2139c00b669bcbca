package dev.starprobe.plugins.discovery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsers against captured answers of real daemons and against hostile input. */
class DiscoveryParsersTest {

    // ---- SSDP / UPnP ----

    @Test
    void ssdpAnswerGivesLocationServerAndSearchTarget() throws Exception {
        SsdpResponse r = SsdpResponse.parse(Payloads.bytes("ssdp-igd-response.hex"));
        assertEquals("http://198.18.0.11:49152/rootDesc.xml", r.header("LOCATION"));
        assertEquals("Linux/5.10 UPnP/1.1 MiniUPnPd/2.3.3", r.header("server"));
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:1", r.header("st"));
    }

    @Test
    void ssdpRejectsNotifyTruncationAndHeaderFloods() {
        assertThrows(ParseException.class, () -> SsdpResponse.parse("NOTIFY * HTTP/1.1\r\nNT: x\r\n\r\n".getBytes()));
        assertThrows(ParseException.class, () -> SsdpResponse.parse("HTTP/1.1 200 OK\r\nST: x\r\n".getBytes()));
        String flood = "HTTP/1.1 200 OK\r\n" + "X-A: b\r\n".repeat(100) + "ST: x\r\n\r\n";
        ParseException e = assertThrows(ParseException.class, () -> SsdpResponse.parse(flood.getBytes()));
        assertTrue(e.getMessage().contains("more than 64 headers"), e.getMessage());
        Payloads.survivesHostileInput(Payloads.bytes("ssdp-igd-response.hex"), SsdpResponse::parse);
    }

    @Test
    void upnpDescriptionGivesTheRootDeviceNotTheEmbeddedOne() throws Exception {
        UpnpDescription d = UpnpDescription.parse(Payloads.bytes("upnp-igd-description.xml"));
        assertEquals(Map.of("deviceType", "urn:schemas-upnp-org:device:InternetGatewayDevice:1", "friendlyName", "Lab Router",
                "manufacturer", "StarProbe Lab", "modelName", "LR-100", "modelNumber", "2.3", "serialNumber", "00000001",
                "modelDescription", "Home gateway"), d.fields());
    }

    @Test
    void xmlWithEntitiesOrOversizedOrTruncatedIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<root><device><deviceType>&b;</deviceType></device></root>";
        assertThrows(ParseException.class, () -> UpnpDescription.parse(laughs.getBytes()));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><root><device><deviceType>&x;</deviceType></device></root>";
        assertThrows(ParseException.class, () -> UpnpDescription.parse(xxe.getBytes()));
        byte[] big = ("<root><device><deviceType>" + "x".repeat(70_000) + "</deviceType></device></root>").getBytes();
        ParseException e = assertThrows(ParseException.class, () -> UpnpDescription.parse(big));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        Payloads.survivesHostileInput(Payloads.bytes("upnp-igd-description.xml"), UpnpDescription::parse);
    }

    @Test
    void httpBodyHandlesLengthChunksAndTruncation() throws Exception {
        assertArrayEquals("abc".getBytes(), HttpFetch.body("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef".getBytes()));
        assertArrayEquals("hello world".getBytes(), HttpFetch.body(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes()));
        assertThrows(ParseException.class, () -> HttpFetch.body("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nabc".getBytes()));
        assertThrows(ParseException.class, () -> HttpFetch.body("HTTP/1.1 404 No\r\n\r\n".getBytes()));
        assertThrows(ParseException.class, () -> HttpFetch.body(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffff\r\nab".getBytes()));
    }

    // ---- WS-Discovery ----

    @Test
    void probeMatchOfAnOnvifCamera() throws Exception {
        WsdProbeMatch m = WsdProbeMatch.parse(Payloads.bytes("wsd-onvif-probematch.xml"));
        assertTrue(m.isOnvif());
        assertEquals(List.of("NetworkVideoTransmitter", "Device"), m.typeNames());
        assertEquals("Front Door", m.onvifScope("name"));
        assertEquals("IPC-B140", m.onvifScope("hardware"));
        assertEquals(List.of("http://198.18.0.12/onvif/device_service"), m.xaddrs());
        assertEquals("urn:uuid:5b7e2c10-1111-4222-8333-444455556666", m.relatesTo());
        Payloads.survivesHostileInput(Payloads.bytes("wsd-onvif-probematch.xml"), WsdProbeMatch::parse);
    }

    @Test
    void ourProbeIsWellFormedSoap() throws Exception {
        var doc = SafeXml.parse(WsDiscoverer.probe("urn:uuid:1"));
        assertEquals("Envelope", doc.getDocumentElement().getLocalName());
        assertTrue(SafeXml.first(doc.getDocumentElement(), "Probe") != null);
    }

    // ---- mDNS ----

    @Test
    void avahiServiceEnumerationAnswer() throws Exception {
        DnsMessage.Answer a = DnsMessage.parse(Payloads.bytes("mdns-avahi-services.hex"));
        assertEquals(0x1234, a.id());
        assertTrue(a.response());
        assertEquals(List.of("_http._tcp.local", "_rtsp._tcp.local"),
                a.records().stream().filter(r -> r.type() == DnsMessage.TYPE_PTR).map(DnsMessage.Record::data).toList());
    }

    @Test
    void avahiInstancesGiveServiceNamesHostAndModel() throws Exception {
        DnsMessage.Answer services = DnsMessage.parse(Payloads.bytes("mdns-avahi-services.hex"));
        DnsMessage.Answer instances = DnsMessage.parse(Payloads.bytes("mdns-avahi-instances.hex"));
        var d = MdnsDiscoverer.device(java.net.InetAddress.getByName("198.18.50.11"), List.of(services, instances));
        assertEquals("_http._tcp, _rtsp._tcp", d.hints().get("mdns.service"));
        assertEquals("LC-200", d.hints().get("mdns.model"));
        assertTrue(d.names().contains("Lab Camera"), d.names().toString());
        assertTrue(d.names().contains("labcam.local"), d.names().toString());
        assertTrue(instances.records().stream().anyMatch(r -> r.type() == DnsMessage.TYPE_SRV && r.data().equals("labcam.local:554")));
    }

    @Test
    void dnsPointerLoopsForwardPointersAndRecordFloodsAreRefused() {
        // a name that points at itself
        byte[] loop = HexFormat.of().parseHex("000084000000000100000000" + "c00c" + "000c0001000000000002c00c");
        ParseException e = assertThrows(ParseException.class, () -> DnsMessage.parse(loop));
        assertTrue(e.getMessage().contains("backwards"), e.getMessage());
        byte[] forward = HexFormat.of().parseHex("000084000000000100000000" + "c020" + "000c000100000000000000");
        assertThrows(ParseException.class, () -> DnsMessage.parse(forward));
        byte[] flood = HexFormat.of().parseHex("00008400" + "0000ffff00000000");
        assertTrue(assertThrows(ParseException.class, () -> DnsMessage.parse(flood)).getMessage().contains("more than 256"));
        Payloads.survivesHostileInput(Payloads.bytes("mdns-avahi-instances.hex"), DnsMessage::parse);
    }

    @Test
    void queryAsksForUnicastAnswers() throws Exception {
        byte[] q = DnsMessage.query(7, List.of(MdnsDiscoverer.SERVICES), DnsMessage.TYPE_PTR);
        assertEquals("0007000000010000000000000" + "95f7365727669636573075f646e732d7364045f756470056c6f63616c00000c8001",
                HexFormat.of().formatHex(q));
    }

    // ---- CoAP ----

    @Test
    void libcoapWellKnownCoreAnswer() throws Exception {
        CoapMessage m = CoapMessage.parse(Payloads.bytes("coap-libcoap-wellknown.hex"));
        assertEquals(CoapMessage.CONTENT, m.code());
        assertEquals("2.05", m.codeText());
        assertArrayEquals(HexFormat.of().parseHex("cafebabe"), m.token());
        assertEquals(List.of("/", "/time", "/async", "/example_data"), CoapMessage.linkPaths(m.payload(), 32));
    }

    @Test
    void coapRejectsReservedNibblesAndOverlongOptions() {
        assertThrows(ParseException.class, () -> CoapMessage.parse(HexFormat.of().parseHex("50450001f0")));
        assertThrows(ParseException.class, () -> CoapMessage.parse(HexFormat.of().parseHex("50450001" + "1f")));
        assertThrows(ParseException.class, () -> CoapMessage.parse(HexFormat.of().parseHex("59450001")));   // tkl 9
        assertThrows(ParseException.class, () -> CoapMessage.parse(HexFormat.of().parseHex("50450001ff")));  // marker, no payload
        Payloads.survivesHostileInput(Payloads.bytes("coap-libcoap-wellknown.hex"), CoapMessage::parse);
    }

    @Test
    void coapRequestIsANonGetOfWellKnownCore() {
        assertEquals("5201abcd0102bb2e77656c6c2d6b6e6f776e04636f7265",
                HexFormat.of().formatHex(CoapMessage.wellKnownCore(0xabcd, new byte[]{1, 2})));
    }

    @Test
    void linkPathsAreCappedAndIgnoreUnclosedBrackets() {
        String many = "</a>,".repeat(100);
        assertEquals(32, CoapMessage.linkPaths(many, 32).size());
        assertEquals(List.of("/x"), CoapMessage.linkPaths("</x>,<unclosed", 32));
    }

    // ---- SNMP ----

    @Test
    void netSnmpResponseGivesTheSystemGroup() throws Exception {
        SnmpMessage.Response r = SnmpMessage.parse(Payloads.bytes("snmp-netsnmp-response.hex"));
        assertEquals("public", r.community());
        assertEquals(0x01020304, r.requestId());
        assertEquals(0, r.errorStatus());
        assertEquals("Lab camera LC-200 firmware 2.1", r.values().get(SnmpMessage.SYS_DESCR));
        assertEquals("1.3.6.1.4.1.8072.3.2.10", r.values().get(SnmpMessage.SYS_OBJECT_ID));
        assertEquals("labcam", r.values().get(SnmpMessage.SYS_NAME));
    }

    @Test
    void ourGetRequestEncodesLikeNetSnmpExpects() {
        byte[] get = SnmpMessage.get("public", 0x01020304, List.of(SnmpMessage.SYS_DESCR, SnmpMessage.SYS_OBJECT_ID, SnmpMessage.SYS_NAME));
        // byte for byte the request net-snmp answered when the test payload was captured
        assertEquals("304502010104067075626c6963a038020401020304020100020100302a300c06082b060102010101000500"
                + "300c06082b060102010102000500300c06082b060102010105000500", HexFormat.of().formatHex(get));
    }

    @Test
    void berLengthsBeyondTheDatagramAndWrongPdusAreRefused() {
        assertThrows(ParseException.class, () -> SnmpMessage.parse(HexFormat.of().parseHex("3084ffffffff")));
        assertThrows(ParseException.class, () -> SnmpMessage.parse(HexFormat.of().parseHex("30820fff020101")));
        byte[] request = SnmpMessage.get("public", 1, List.of(SnmpMessage.SYS_DESCR));
        ParseException e = assertThrows(ParseException.class, () -> SnmpMessage.parse(request));
        assertTrue(e.getMessage().contains("not a Response PDU"), e.getMessage());
        assertEquals("1.3.6.1.4.1.99999.1", assertDoesNotThrowOid("2b06010401868d1f01"));
        Payloads.survivesHostileInput(Payloads.bytes("snmp-netsnmp-response.hex"), SnmpMessage::parse);
    }

    private static String assertDoesNotThrowOid(String hex) {
        try {
            return SnmpMessage.decodeOid(HexFormat.of().parseHex(hex));
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    // ---- OUI ----

    @Test
    void ouiTableIsWellFormedAndLooksUpByPrefix() throws Exception {
        OuiTable t = OuiTable.builtIn();
        assertTrue(t.size() >= 10);
        assertEquals("Raspberry Pi Foundation", t.vendor("b8:27:eb:01:02:03").orElseThrow());
        assertFalse(t.vendor("02:00:c6:12:00:0b").isPresent());
        assertTrue(OuiTable.locallyAdministered("02:00:c6:12:00:0b"));
        assertFalse(OuiTable.locallyAdministered("b8:27:eb:01:02:03"));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> OuiTable.parse(
                new java.io.BufferedReader(new java.io.StringReader("AABBCC\tX\nAABBCC\tY\n"))));
        assertTrue(dup.getMessage().contains("line 2: duplicate"));
    }

    @Test
    void ieeeRegistryRowsWithQuotesAndLongerAssignmentsWinByLongestPrefix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("oui.csv"), String.join("\n",
                "Registry,Assignment,Organization Name,Organization Address",
                "MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554",
                "MA-L,ACDE48,\"Example, \"\"Quoted\"\" Devices Inc.\",1 Road",
                "MA-L,not-hex,Broken Row,",
                "garbage line without commas", ""));
        java.nio.file.Files.writeString(dir.resolve("oui36.csv"),
                "Registry,Assignment,Organization Name,Organization Address\nMA-S,70B3D5F2A,Tiny Sensor Maker,\n");
        OuiTable t = new OuiTable(OuiTable.ieeeRegistry(dir));
        assertEquals("Example, \"Quoted\" Devices Inc.", t.vendor("ac:de:48:00:11:22").orElseThrow());
        assertEquals("Tiny Sensor Maker", t.vendor("70:b3:d5:f2:a0:01").orElseThrow(), "MA-S inside the MA-L block");
        assertEquals("IEEE Registration Authority", t.vendor("70:b3:d5:00:00:01").orElseThrow());
        assertEquals(3, t.size(), "malformed rows are skipped");
        assertTrue(OuiTable.ieeeRegistry(dir.resolve("absent")).isEmpty(), "no registry installed: no names, no error");
    }

    @Test
    void printableEscapesControlCharactersAndCaps() {
        assertEquals("a\\x1b[31mb", Printable.of("a\u001b[31mb", 100));
        assertEquals(257, Printable.hint("x".repeat(1000)).length());
        assertNull(null);
        assertEquals("ok", new String("ok".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
