package dev.starprobe.plugins.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starprobe.lab.netns.DiscoveryResponder;
import dev.starprobe.lab.netns.NetnsLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every discovery method at once, from the probe namespace, against two responder devices and one
 * silent device of a namespace LAN. Discovery runs once; each test checks one method's findings.
 */
class MulticastDiscoveryNetnsTest {
    private static final Duration T = Duration.ofSeconds(60);

    @RegisterExtension
    static NetnsLab lab = NetnsLab.devices(3, "198.18.32")
            .command(1, NetnsLab.java(DiscoveryResponder.class.getName(), "198.18.32.11", "cam-one", "LC-100"))
            .command(2, NetnsLab.java(DiscoveryResponder.class.getName(), "198.18.32.12", "cam-two", "LC-200"))
            .readyWhenLogged("ready", Duration.ofSeconds(40));

    static Map<String, JsonNode> byAddress = new HashMap<>();
    static JsonNode inventory;

    @BeforeAll
    static void discover() throws Exception {
        NetnsLab.Exec r = lab.execInProbe(NetnsLab.java(DiscoverMain.class.getName(), lab.probeInterface(),
                "arp,ssdp,mdns,wsd,coap,snmp", "1000", "800"), T);
        assertEquals(0, r.exit(), r.stderr() + lab.logs());
        System.out.println("all methods over " + lab.cidr() + ": " + r.stderr().strip());
        inventory = DiscoverMain.inventory(r.stdout());
        inventory.path("devices").forEach(d -> byAddress.put(d.path("address").asText(), d));
    }

    private static JsonNode hints(int device) {
        return byAddress.get(lab.deviceAddress(device)).path("hints");
    }

    @Test
    void everyMethodCompleted() {
        inventory.path("methods").forEach(m -> assertEquals("COMPLETED", m.path("status").asText(), m.toString()));
        assertEquals(6, inventory.path("methods").size());
    }

    @Test
    void arpFindsAllThreeIncludingTheSilentOne() {
        assertEquals(3, byAddress.size(), byAddress.keySet().toString());
        for (int i = 1; i <= 3; i++) assertEquals(lab.deviceMac(i), byAddress.get(lab.deviceAddress(i)).path("mac").asText());
        assertEquals("arp", hints(3).path("discovery.methods").asText(), "the silent device is only seen by ARP");
    }

    @Test
    void ssdpFollowsLocationToTheUpnpDescription() {
        JsonNode h = hints(2);
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:1", h.path("upnp.deviceType").asText());
        assertEquals("StarProbe Lab", h.path("upnp.manufacturer").asText());
        assertEquals("LC-200", h.path("upnp.modelName").asText());
        assertEquals("SN-cam-two", h.path("upnp.serialNumber").asText());
        assertTrue(h.path("ssdp.server").asText().contains("LabResponder/1.0"));
    }

    @Test
    void mdnsFindsServiceTypesInstancesAndModel() {
        JsonNode h = hints(1);
        assertEquals("_http._tcp, _rtsp._tcp", h.path("mdns.service").asText());
        assertEquals("LC-100", h.path("mdns.model").asText());
        String names = byAddress.get(lab.deviceAddress(1)).path("names").toString();
        assertTrue(names.contains("cam-one.local") && names.contains("cam-one camera"), names);
    }

    @Test
    void wsDiscoveryRecognisesOnvif() {
        JsonNode h = hints(1);
        assertEquals("http://198.18.32.11:8080/onvif/device_service", h.path("onvif").asText());
        assertEquals("cam-one", h.path("onvif.name").asText());
        assertEquals("LC-100", h.path("onvif.hardware").asText());
    }

    @Test
    void coapListsResources() {
        assertEquals("/sensors/temp,/light", hints(2).path("coap.resources").asText());
    }

    @Test
    void snmpReadsTheSystemGroupWithThePublicCommunity() {
        JsonNode h = hints(1);
        assertEquals("Lab LC-100 firmware 1.0", h.path("snmp.sysDescr").asText());
        assertEquals("1.3.6.1.4.1.99999.1", h.path("snmp.sysObjectID").asText());
        assertEquals("public", h.path("snmp.community").asText());
        assertEquals("arp, coap, mdns, snmp, ssdp, wsd", sortedMethods(h));
    }

    @Test
    void nothingWasRefusedByTheScopeGuard() {
        assertEquals(0, inventory.path("scopeRefusals").size(), inventory.path("scopeRefusals").toString());
        assertFalse(inventory.path("warnings").elements().hasNext(), inventory.path("warnings").toString());
    }

    private static String sortedMethods(JsonNode h) {
        return String.join(", ", java.util.Arrays.stream(h.path("discovery.methods").asText().split(", ")).sorted().toList());
    }
}
