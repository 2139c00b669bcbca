package dev.starprobe.lab.netns;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The namespace LAN itself: addresses, fixed MACs, layer-2 reachability, commands, clean teardown. */
class NetnsLabTest {
    private static final Duration T = Duration.ofSeconds(20);

    private static String namespaces() throws Exception {
        return NetnsLab.run(List.of("ip", "netns", "list"), T).stdout();
    }

    @Test
    void devicesGetTheirAddressAndFixedMacAndAnswerArpFromTheProbe() throws Exception {
        NetnsLab.assumeAvailable();
        try (NetnsLab lab = NetnsLab.devices(3, "198.18.21")
                .command(2, List.of("sh", "-c", "echo ready; exec sleep 120"))
                .readyWhenLogged("ready", T).start()) {
            for (int i = 1; i <= 3; i++) {
                String link = lab.exec(lab.deviceNamespace(i), List.of("ip", "-br", "link", "show", "eth0"), T).stdout();
                assertTrue(link.contains(lab.deviceMac(i)), link);
                String addr = lab.exec(lab.deviceNamespace(i), List.of("ip", "-br", "-4", "addr", "show", "eth0"), T).stdout();
                assertTrue(addr.contains(lab.deviceAddress(i) + "/24"), addr);
            }
            // a datagram from the probe makes its kernel resolve the device by ARP across the bridge
            lab.execInProbe(List.of("bash", "-c", "echo x > /dev/udp/" + lab.deviceAddress(3) + "/9"), T);
            String neigh = "";
            for (int i = 0; i < 50 && !neigh.contains("lladdr"); i++) {
                neigh = lab.execInProbe(List.of("ip", "neigh", "show", lab.deviceAddress(3)), T).stdout();
                Thread.sleep(20);
            }
            assertTrue(neigh.contains("lladdr " + lab.deviceMac(3)), neigh);
            // the device command runs inside its namespace
            String pids = NetnsLab.run(List.of("ip", "netns", "pids", lab.deviceNamespace(2)), T).stdout();
            assertFalse(pids.isBlank(), "device 2 command is running");
        }
    }

    @Test
    void closeRemovesEveryNamespaceAndProcessAndDownIsIdempotent() throws Exception {
        NetnsLab.assumeAvailable();
        NetnsLab lab = NetnsLab.devices(2, "198.18.22")
                .command(1, List.of("sh", "-c", "echo ready; exec sleep 120"))
                .readyWhenLogged("ready", T).start();
        String prefix = lab.prefix();
        assertTrue(namespaces().contains(prefix + "-dev1"));
        lab.close();
        assertFalse(namespaces().contains(prefix + "-"), namespaces());
        lab.close(); // twice is fine
        var again = NetnsLab.run(List.of("bash", NetnsLab.script().toString(), "down"), Map.of("LAB_PREFIX", prefix), T);
        assertEquals(0, again.exit(), again.stderr());
    }

    @Test
    void labsOfDeadTestJvmsAreReaped() throws Exception {
        NetnsLab.assumeAvailable();
        String dead = "sp999999999-1"; // no such pid
        var up = NetnsLab.run(List.of("bash", NetnsLab.script().toString(), "up"),
                Map.of("LAB_PREFIX", dead, "LAB_PROBE", "ns", "LAB_DEVICES", "1", "LAB_NET", "198.18.23"), T);
        assertEquals(0, up.exit(), up.stderr());
        NetnsLab.reapStale();
        assertFalse(namespaces().contains(dead + "-"), namespaces());
    }

    @Test
    void scriptRefusesAddressesOutsideTheBenchmarkRangeAndCreatesNothing() throws Exception {
        NetnsLab.assumeAvailable();
        var up = NetnsLab.run(List.of("bash", NetnsLab.script().toString(), "up"),
                Map.of("LAB_PREFIX", "sprefuse", "LAB_PROBE", "ns", "LAB_NET", "192.168.1"), T);
        assertEquals(1, up.exit());
        assertTrue(up.stderr().contains("198.18.x or 198.19.x"), up.stderr());
        assertFalse(namespaces().contains("sprefuse"), namespaces());
    }

    @Test
    void failingDeviceCommandRollsTheLabBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path logs) throws Exception {
        NetnsLab.assumeAvailable();
        var up = NetnsLab.run(List.of("bash", NetnsLab.script().toString(), "up"),
                Map.of("LAB_PREFIX", "sprollback", "LAB_PROBE", "ns", "LAB_NET", "198.18.24", "LAB_DEVICES", "2",
                        "LAB_CMD_2", "echo broken; exit 3", "LAB_READY", "ready",
                        "LAB_LOG_DIR", logs.toString()), T);
        assertEquals(1, up.exit());
        assertTrue(up.stderr().contains("exited before it was ready"), up.stderr());
        assertFalse(namespaces().contains("sprollback"), namespaces());
    }
}
