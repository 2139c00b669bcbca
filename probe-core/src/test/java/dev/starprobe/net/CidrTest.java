package dev.starprobe.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void parsesAndNormalisesHostBits() throws Exception {
        Cidr c = Cidr.parse("198.18.0.77/24");
        assertEquals("198.18.0.0/24", c.toString());
        assertTrue(c.contains(InetAddress.getByName("198.18.0.254")));
        assertFalse(c.contains(InetAddress.getByName("198.18.1.1")));
    }

    @Test
    void bareAddressIsSingleHost() throws Exception {
        Cidr c = Cidr.parse("127.0.0.1");
        assertEquals(32, c.prefix());
        assertEquals(1, c.hosts(10).size());
    }

    @Test
    void hostsSkipNetworkAndBroadcastBelowSlash31() {
        assertEquals(254, Cidr.parse("10.1.2.0/24").hosts(1000).size());
        assertEquals(2, Cidr.parse("10.1.2.0/31").hosts(1000).size());
    }

    @Test
    void ipv6() throws Exception {
        Cidr c = Cidr.parse("fd00::/64");
        assertTrue(c.contains(InetAddress.getByName("fd00::1234")));
        assertFalse(c.contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void refusesHugeExpansion() {
        var e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/8").hosts(65536));
        assertTrue(e.getMessage().contains("16777214"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.1.1.1", "10.0.0.0/33", "10.0.0.0/x", "example.com", "", "1.2.3", "10.0.0.0/-1", "::1/129"})
    void rejectsBadInputWithoutLookup(String bad) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad));
    }
}
