package dev.starprobe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.starprobe.lab.netns.DiscoveryResponder;
import dev.starprobe.lab.netns.NetnsLab;
import dev.starprobe.report.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI run inside the probe namespace of a LAN with a responder device and a silent one. */
class DiscoverScanNetnsTest {
    private static final Duration T = Duration.ofSeconds(90);

    @RegisterExtension
    static NetnsLab lab = NetnsLab.devices(2, "198.18.33")
            .command(1, NetnsLab.java(DiscoveryResponder.class.getName(), "198.18.33.11", "router-one", "LR-7"))
            .readyWhenLogged("ready", Duration.ofSeconds(40));

    private static NetnsLab.Exec starprobe(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--discovery-rate", "1000", "--discovery-wait", "800"));
        NetnsLab.Exec r = lab.execInProbe(NetnsLab.java(Main.class.getName(), a.toArray(String[]::new)), T);
        System.out.println("starprobe " + String.join(" ", args) + " -> " + r.exit());
        return r;
    }

    @Test
    void discoverPrintsTheInventoryAndWritesItAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("inventory.json");
        NetnsLab.Exec r = starprobe("discover", "--interface", lab.probeInterface(), "--json", json.toString());

        assertEquals(Main.OK, r.exit(), r.stderr() + r.stdout());
        assertTrue(r.stdout().startsWith("2 device(s) on " + lab.cidr() + " via eth0"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*\\Q" + lab.deviceAddress(1) + "\\E +\\Q" + lab.deviceMac(1) + "\\E +router-one.*"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*upnp\\.modelName\\s+LR-7.*"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*\\Q" + lab.deviceAddress(2) + "\\E +\\Q" + lab.deviceMac(2) + "\\E\n.*"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*discovery\\.methods +arp, coap, icmp, mdns, snmp, ssdp, wsd\n.*"), r.stdout());
        JsonNode inv = new ObjectMapper().readTree(Files.readString(json));
        assertEquals(2, inv.path("devices").size());
        assertEquals(7, inv.path("methods").size(), "every default method of a pinned LAN: tcp is for routed targets");
        assertEquals("eth0", inv.path("interfaceName").asText());
    }

    @Test
    void scanWithInterfaceDiscoversFirstAndScansOnlyWhatAnswered(@TempDir Path out) throws Exception {
        NetnsLab.Exec r = starprobe("scan", lab.cidr(), "--interface", lab.probeInterface(), "-p", "8080",
                "-o", out.toString(), "--no-progress", "--profile", "quick");

        assertTrue(r.exit() == Main.OK || r.exit() == Main.FAILED, r.stderr() + r.stdout());
        String report = Files.readString(out.resolve("report.json"));
        assertEquals(List.of(), ReportSchema.violations(report));
        JsonNode root = new ObjectMapper().readTree(report);
        JsonNode devices = root.path("devices");
        assertEquals(2, devices.size(), "only the two devices ARP found were scanned");
        JsonNode router = devices.get(0).path("device");
        assertEquals(lab.deviceAddress(1), router.path("address").asText());
        assertEquals(lab.deviceMac(1), router.path("mac").asText());
        assertEquals("LR-7", router.path("hints").path("upnp.modelName").asText());
        assertEquals(8080, devices.get(0).path("services").get(0).path("port").asInt());
        assertEquals(0, devices.get(1).path("services").size(), "the silent device is kept, with no service");
        assertTrue(root.path("stageMillis").has("discovery"));
        assertTrue(root.path("warnings").toString().contains("discovery found 2 of 254 addresses"), root.path("warnings").toString());
    }
}
