package dev.starprobe.cli;

import dev.starprobe.lab.LabMain;
import dev.starprobe.lab.netns.NetnsLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark path of scripts/bench-lan.sh, shortened: the bench commands run inside the probe
 * namespace of a LAN whose first device is a real lab device (camera-weak) and whose other two are
 * silent namespaces. Figures are printed, not asserted; what is asserted is what they are about.
 */
class BenchNetnsTest {
    private static final Duration T = Duration.ofSeconds(90);
    private static final String NET = "198.18.36";

    @RegisterExtension
    static NetnsLab lab = NetnsLab.devices(3, NET)
            .command(1, NetnsLab.java(LabMain.class.getName(), "--address", NET + ".11", "camera-weak"))
            .readyWhenLogged("ready", Duration.ofSeconds(60));

    private static NetnsLab.Exec starprobe(String... args) throws Exception {
        NetnsLab.Exec r = lab.execInProbe(NetnsLab.java(Main.class.getName(), args), T);
        System.out.println("starprobe " + String.join(" ", args) + " -> " + r.exit() + "\n" + r.stdout());
        return r;
    }

    @Test
    void arpSweepOfTheSlash24FindsExactlyTheThreeDevicesAndAMissingOneFailsIt() throws Exception {
        NetnsLab.Exec r = starprobe("bench", "arp", "--interface", lab.probeInterface(), "--pps", "1000", "--wait", "300",
                "--rounds", "1", "--expect", "3");

        assertEquals(Main.OK, r.exit(), r.stderr() + r.stdout());
        assertTrue(r.stdout().startsWith("arp sweep of " + lab.cidr() + " via eth0 (" + lab.probeAddress() + ", "), r.stdout());
        String devices = "3 device(s) found [" + NET + ".11, " + NET + ".12, " + NET + ".13]";
        assertTrue(r.stdout().matches("(?s).*\nround 1: [0-9.]+ s sweep \\([0-9.]+ s with set-up\\), [0-9]+ addresses/s, \\Q" + devices + "\\E\n.*"),
                r.stdout());
        assertTrue(r.stdout().contains("summary: 1 round(s), median "), r.stdout());

        NetnsLab.Exec more = starprobe("bench", "arp", "--interface", lab.probeInterface(), "--pps", "1000", "--wait", "300",
                "--rounds", "1", "--expect", "4");
        assertEquals(Main.FAILED, more.exit(), more.stderr() + more.stdout());
        assertTrue(more.stdout().contains("MISMATCH: expected 4 device(s), found 3"), more.stdout());
    }

    @Test
    void portscanOfTheLabDeviceFindsItsServicesAndAgreesWithNmapWhenInstalled() throws Exception {
        NetnsLab.Exec r = starprobe("bench", "portscan", "--target", lab.deviceAddress(1), "--ports", "1-1000", "--rounds", "1",
                "--max-per-device", "16", "--rate-per-device", "0", "--compare-nmap");

        assertEquals(Main.OK, r.exit(), r.stderr() + r.stdout());
        assertTrue(r.stdout().contains("per device 16 in flight, rate unlimited"), r.stdout());
        boolean noNmap = r.stdout().contains("nmap not installed: no comparison");
        assertTrue(r.stdout().matches("(?s).*\nround 1" + (noNmap ? "" : " StarProbe")
                        + ": [0-9.]+ s, [0-9]+ ports/s, open 4 \\[23, 80, 443, 554], closed 996, filtered 0, errors 0\n.*"), r.stdout());
        if (noNmap) return;
        for (String variant : List.of("nmap default timing (-T3): ", "nmap -T4 with StarProbe's limits: ")) {
            assertTrue(r.stdout().contains(variant), r.stdout());
        }
        assertTrue(r.stdout().contains("-sT -p1-1000 -n -Pn -T4 --max-parallelism 16 -oX - " + lab.deviceAddress(1)), r.stdout());
        assertEquals(2, r.stdout().split("same open ports as StarProbe: yes \\(4\\)", -1).length - 1, r.stdout());
    }
}
