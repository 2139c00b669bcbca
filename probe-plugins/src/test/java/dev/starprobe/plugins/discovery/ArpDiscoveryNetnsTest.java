package dev.starprobe.plugins.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starprobe.lab.netns.NetnsLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARP discovery from inside the probe namespace of a namespace LAN with three silent devices. */
class ArpDiscoveryNetnsTest {
    private static final Duration T = Duration.ofSeconds(60);

    @RegisterExtension
    static NetnsLab lab = NetnsLab.devices(3, "198.18.31");

    private static JsonNode discover(List<String> prefixCommand, String pps, String windowMillis) throws Exception {
        List<String> cmd = new ArrayList<>(prefixCommand);
        cmd.addAll(NetnsLab.java(DiscoverMain.class.getName(), lab.probeInterface(), "arp", pps, windowMillis));
        NetnsLab.Exec r = lab.execInProbe(cmd, T);
        assertEquals(0, r.exit(), r.stderr());
        System.out.println("ARP sweep of " + lab.cidr() + " at " + pps + " pps: " + r.stderr().strip());
        return DiscoverMain.inventory(r.stdout());
    }

    private static Map<String, String> macsByAddress(JsonNode inventory) {
        Map<String, String> out = new TreeMap<>();
        inventory.path("devices").forEach(d -> out.put(d.path("address").asText(), d.path("mac").asText()));
        return out;
    }

    private static Map<String, String> expected() {
        Map<String, String> m = new TreeMap<>();
        for (int i = 1; i <= lab.deviceCount(); i++) m.put(lab.deviceAddress(i), lab.deviceMac(i));
        return m;
    }

    @Test
    void findsExactlyTheDeviceNamespacesWithTheirFixedMacs() throws Exception {
        JsonNode inv = discover(List.of(), "1000", "400");

        assertEquals(expected(), macsByAddress(inv));
        assertEquals("COMPLETED", inv.path("methods").get(0).path("status").asText());
        assertEquals(List.of(lab.cidr()), List.of(inv.path("cidrs").get(0).asText()));
        for (JsonNode d : inv.path("devices")) {
            assertEquals(d.path("mac").asText(), d.path("id").asText(), "a device with a MAC is keyed by it");
            assertEquals("true", d.path("hints").path("mac.locallyAdministered").asText());
        }
    }

    @Test
    void politeDefaultRateSweepsTheSlash24AndFindsTheSame() throws Exception {
        long t0 = System.nanoTime();
        JsonNode inv = discover(List.of(), "100", "1500");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(expected(), macsByAddress(inv));
        // 250 silent addresses are asked twice at 100/s: the sweep cannot be faster than 5 s
        assertTrue(ms >= 5000, "the rate limit held: " + ms + " ms");
    }

    @Test
    void withoutRawSocketPrivilegeTheUserIsToldWhatToDo() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-net_raw,-net_admin", "--inh-caps=-net_raw,-net_admin"));
        cmd.addAll(NetnsLab.java(DiscoverMain.class.getName(), lab.probeInterface(), "arp", "1000", "200"));
        NetnsLab.Exec r = lab.execInProbe(cmd, T);
        assertEquals(0, r.exit(), r.stderr());
        JsonNode method = DiscoverMain.inventory(r.stdout()).path("methods").get(0);

        assertEquals("ERROR", method.path("status").asText());
        assertTrue(method.path("message").asText().contains("needs raw packet access on eth0: run as root, or give the JVM CAP_NET_RAW"),
                method.toString());
        assertNotEquals(0, method.path("message").asText().length());
    }
}
