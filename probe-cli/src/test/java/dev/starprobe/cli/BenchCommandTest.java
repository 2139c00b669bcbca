package dev.starprobe.cli;

import dev.starprobe.spi.LinkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench commands' argument checks, figures and nmap comparison. Everything here stays on
 * loopback: the port scans target listeners this test opens, and nmap (real when installed, or a
 * stand-in script) is pointed at the same loopback address.
 */
class BenchCommandTest {
    private static final String HOST = "127.88.41.1";

    @TempDir
    Path dir;

    private static void assertUsage(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Main.USAGE, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void benchWithoutANameAsksForOne() {
        assertUsage("name a benchmark: portscan or arp", "bench");
        assertUsage("Missing required option: '--interface=IFACE'", "bench", "arp");
    }

    @Test
    void arpArgumentsAreCheckedBeforeAnythingIsSent() {
        assertUsage("--pps must be between 1 and 10000", "bench", "arp", "-i", "lo", "--pps", "0");
        assertUsage("--wait must be between 10 and 60000 ms", "bench", "arp", "-i", "lo", "--wait", "5");
        assertUsage("--rounds must be between 1 and 100", "bench", "arp", "-i", "lo", "--rounds", "0");
        assertUsage("--expect must not be negative", "bench", "arp", "-i", "lo", "--expect", "-1");
        assertUsage("no interface 'nosuchif0'", "bench", "arp", "-i", "nosuchif0");
        assertUsage("--cidr 10.1.2.0/24 is not inside lo's subnet 127.0.0.0/8: ARP only reaches the local segment",
                "bench", "arp", "-i", "lo", "--cidr", "10.1.2.0/24");
        assertUsage("is not inside lo's subnet", "bench", "arp", "-i", "lo", "--cidr", "96.0.0.0/3");
    }

    @Test
    void theSweptNetworkIsTheInterfacesSubnetOrTheSlash24AroundItsAddress() throws Exception {
        assertEquals("198.18.90.0/24", BenchArpCommand.sweepNetwork(link("198.18.90.1", 24), null).toString());
        assertEquals("198.18.90.32/28", BenchArpCommand.sweepNetwork(link("198.18.90.33", 28), null).toString());
        assertEquals("198.18.90.0/24", BenchArpCommand.sweepNetwork(link("198.18.90.1", 16), null).toString(),
                "a larger subnet is not swept whole: the figure is for a /24");
        assertEquals("198.18.7.0/24", BenchArpCommand.sweepNetwork(link("198.18.90.1", 16), "198.18.7.0/24").toString());
        assertThrows(UserInputException.class, () -> BenchArpCommand.sweepNetwork(link("198.18.90.1", 24), "198.18.91.0/24"));
        assertThrows(UserInputException.class, () -> BenchArpCommand.sweepNetwork(link("198.18.90.1", 24), "198.18.0.0/16"));
    }

    private static LinkInfo link(String address, int prefix) throws Exception {
        return new LinkInfo("eth9", 9, (Inet4Address) InetAddress.getByName(address), prefix, "02:00:c6:12:5a:01", true);
    }

    @Test
    void arpOnAnInterfaceWithoutHardwareAddressSaysWhyAndFails() {
        CliRun r = CliRun.of("bench", "arp", "-i", "lo", "--rounds", "1", "--wait", "10");

        assertEquals(Main.FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("arp sweep of 127.0.0.0/24 via lo (127.0.0.1, no MAC), 253 addresses to ask, "
                + "rate limit 100 requests/s, reply window 10 ms"), r.out());
        assertTrue(r.out().contains("warm-up: ARP ") && r.out().contains("needs an Ethernet interface"), r.out());
    }

    @Test
    void portscanTargetsMustBeOneNonPublicAddressAndNmapAnExecutable() {
        assertUsage("public address", "bench", "portscan", "--target", "8.8.8.8");
        assertUsage("--target takes one device address, not a network", "bench", "portscan", "--target", "127.88.41.0/30");
        assertUsage("--address must be a loopback address (use --target for a device)", "bench", "portscan", "--address", "10.0.0.1");
        assertUsage("--rounds must be between 1 and 100", "bench", "portscan", "--rounds", "101");
        assertUsage("is not an executable file", "bench", "portscan", "--target", HOST, "--compare-nmap", "--nmap", "/nonexistent/nmap");
    }

    /** Three listeners on {@link #HOST} and one port that was just closed; all four are scanned. */
    private record Listeners(List<ServerSocket> sockets, int closed) implements AutoCloseable {
        static Listeners bind() throws IOException {
            List<ServerSocket> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(HOST, 0), 64);
                open.add(s);
            }
            int closed;
            try (ServerSocket gone = new ServerSocket()) {
                gone.bind(new InetSocketAddress(HOST, 0));
                closed = gone.getLocalPort();
            }
            return new Listeners(open, closed);
        }

        List<Integer> ports() {
            return sockets.stream().map(ServerSocket::getLocalPort).sorted().toList();
        }

        String spec() {
            return ports().stream().map(String::valueOf).collect(Collectors.joining(",")) + "," + closed;
        }

        @Override
        public void close() throws IOException {
            for (ServerSocket s : sockets) s.close();
        }
    }

    @Test
    void portscanOfADevicePrintsItsOpenPortsAndComparesWithNmapWhenInstalled() throws Exception {
        try (Listeners l = Listeners.bind()) {
            CliRun r = CliRun.of("bench", "portscan", "--target", HOST, "--ports", l.spec(), "--rounds", "2", "--compare-nmap");

            assertEquals(Main.OK, r.exit(), r.out() + r.err());
            assertTrue(r.out().startsWith("portscan " + HOST + " (existing device), 4 ports, transport "), r.out());
            assertTrue(r.out().contains("per device 4 in flight, rate 50/s, min gap 0 ms"), "politeness shown: " + r.out());
            boolean nmap = Nmap.locate(System.getenv("PATH")).isPresent();
            for (String round : List.of("warm-up", "round 1", "round 2")) {
                String label = round + (nmap ? " StarProbe" : "");
                assertTrue(r.out().matches("(?s).*\n" + label + ": [0-9.]+ s, [0-9]+ ports/s, open 3 \\Q" + l.ports() + "\\E, closed 1, .*"),
                        r.out());
            }
            assertTrue(r.out().contains("summary: 2 round(s), median "), r.out());
            if (nmap) {
                assertTrue(r.out().contains("round 2 nmap -T3: ") && r.out().contains("round 2 nmap -T4 limits: "), "interleaved: " + r.out());
                assertTrue(r.out().contains("  nmap -T3 = nmap default timing (-T3): "), r.out());
                assertTrue(r.out().contains("nmap -T4 with StarProbe's limits: ") && r.out().contains("--max-parallelism 4 --max-rate 50"), r.out());
                assertEquals(2, r.out().split("same open ports as StarProbe: yes \\(3\\)", -1).length - 1, r.out());
                assertTrue(r.out().contains("ratio StarProbe/nmap "), r.out());
            } else {
                assertTrue(r.out().contains("nmap not installed: no comparison"), r.out());
            }
        }
    }

    @Test
    void anNmapThatMissesAPortMakesTheComparisonFailWithTheDifference() throws Exception {
        try (Listeners l = Listeners.bind()) {
            List<Integer> ours = l.ports();
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE nmaprun><nmaprun version=\"7.93\" args=\"fake\"><host><ports>"
                    + ours.subList(0, 2).stream().map(p -> "<port protocol=\"tcp\" portid=\"" + p + "\"><state state=\"open\"/></port>")
                    .collect(Collectors.joining())
                    + "</ports></host><runstats><finished elapsed=\"0.50\" exit=\"success\"/></runstats></nmaprun>";
            Path xmlFile = Files.writeString(dir.resolve("out.xml"), xml);
            Path fake = NmapTest.fakeNmap(dir.resolve("bin"), "cat '" + xmlFile + "'");

            CliRun r = CliRun.of("bench", "portscan", "--target", HOST, "--ports", l.spec(), "--rounds", "1",
                    "--compare-nmap", "--nmap", fake.toString());

            assertEquals(Main.FAILED, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("\nround 1 nmap -T3: 0.500 s, 8 ports/s, open 2 "), r.out());
            assertTrue(r.out().contains("same open ports as StarProbe: NO (nmap round 1): only StarProbe found [" + ours.get(2)
                    + "], only nmap found []"), r.out());
        }
    }

    @Test
    void roundFiguresQuoteTheMedianAndCallSmallDifferencesEven() {
        RoundStats odd = RoundStats.of(List.of(3.0, 1.0, 2.0));
        assertEquals(new RoundStats(3, 2.0, 1.0, 3.0), odd);
        assertEquals(2.5, RoundStats.of(List.of(4.0, 1.0, 3.0, 2.0)).median(), 1e-9);
        assertEquals("3 round(s), median 2.000 s, min 1.000 s, max 3.000 s", odd.describe());
        assertEquals("ratio StarProbe/nmap 0.50 (StarProbe faster)", RoundStats.ratio(1, 2));
        assertEquals("ratio StarProbe/nmap 1.03 (about even)", RoundStats.ratio(1.03, 1));
        assertEquals("ratio StarProbe/nmap 2.00 (nmap faster)", RoundStats.ratio(2, 1));
        assertTrue(RoundStats.ratio(1, 0).contains("undefined"));
        assertThrows(IllegalArgumentException.class, () -> RoundStats.of(List.of()));
    }
}
