package dev.starprobe.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discover command on loopback (unicast methods only) and its user errors. */
class DiscoverCommandTest {
    @Test
    void unicastMethodsOnLoopbackCompleteAndFindNothing() {
        var r = ScanEndToEndTest.cli("discover", "--cidr", "127.0.13.0/30", "--methods", "coap,snmp",
                "--discovery-rate", "1000", "--discovery-wait", "100");
        assertEquals(Main.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("0 device(s) on 127.0.13.0/30"), r.out());
        assertTrue(r.out().matches("(?s).*coap\\s+COMPLETED.*snmp\\s+COMPLETED.*"), r.out());
    }

    @Test
    void arpWithoutAnInterfaceIsSkippedWithTheReasonAndTheExitSaysNothingRan() {
        var r = ScanEndToEndTest.cli("discover", "--cidr", "127.0.13.0/30", "--methods", "arp");
        assertEquals(Main.FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("arp   SKIPPED") && r.out().contains("needs an interface: pass --interface"), r.out());
    }

    @Test
    void userErrorsAreOneLineAndExitTwo() {
        var noIf = ScanEndToEndTest.cli("discover", "--interface", "nosuchif0");
        assertEquals(Main.USAGE, noIf.exit());
        assertTrue(noIf.err().startsWith("starprobe: no interface 'nosuchif0'"), noIf.err());
        var nothing = ScanEndToEndTest.cli("discover");
        assertEquals(Main.USAGE, nothing.exit());
        assertTrue(nothing.err().contains("give the network to sweep (--cidr) or an interface (--interface)"), nothing.err());
        var method = ScanEndToEndTest.cli("discover", "--cidr", "127.0.13.0/30", "--methods", "telepathy");
        assertEquals(Main.USAGE, method.exit());
        assertTrue(method.err().contains("unknown discovery method 'telepathy'"), method.err());
        var publicNet = ScanEndToEndTest.cli("discover", "--cidr", "8.8.8.0/30", "--methods", "snmp");
        assertEquals(Main.USAGE, publicNet.exit());
        assertTrue(publicNet.err().contains("public address"), publicNet.err());
    }
}
