package dev.starprobe.net;

import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.LinkInfo;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineDiscoverySocketTest {
    @Test
    void unpinnedSocketRefusesMulticastAndRecordsIt() throws Exception {
        ScopeGuard g = new ScopeGuard(List.of(Cidr.parse("127.0.11.0/24")), false);
        try (EngineDiscoverySocket s = EngineDiscoverySocket.open(null, g, "discovery:ssdp", 100, 4096)) {
            assertThrows(OutOfScopeException.class,
                    () -> s.send(new InetSocketAddress("239.255.255.250", 1900), new byte[]{1}));
        }
        assertEquals(1, g.refusalCount());
        assertEquals("discovery:ssdp", g.refusals().get(0).requestedBy());
    }

    @Test
    void multicastViewSharesTheRefusalRecordButNotTheRule() throws Exception {
        ScopeGuard g = new ScopeGuard(List.of(Cidr.parse("198.18.0.0/24")), false);
        assertTrue(g.whyRefused(InetAddress.getByName("224.0.0.251")) != null, "the scan guard refuses multicast");
        ScopeGuard m = g.withMulticast();
        m.check(InetAddress.getByName("224.0.0.251"), "discovery:mdns");
        assertThrows(OutOfScopeException.class, () -> m.check(InetAddress.getByName("198.18.1.5"), "discovery:mdns"));
        assertEquals(1, g.refusalCount());
    }

    @Test
    void unicastOutOfScopeIsRefusedAndAnswersArriveWithTheirSender() throws Exception {
        ScopeGuard g = new ScopeGuard(List.of(Cidr.parse("127.0.11.0/24")), false);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.11.7", 0));
             EngineDiscoverySocket s = EngineDiscoverySocket.open(null, g, "discovery:coap", 1000, 4096)) {
            assertThrows(OutOfScopeException.class, () -> s.send(new InetSocketAddress("127.0.12.1", 9), new byte[]{1}));
            s.send((InetSocketAddress) peer.getLocalSocketAddress(), new byte[]{42});
            DatagramPacket p = new DatagramPacket(new byte[16], 16);
            peer.receive(p);
            byte[] big = new byte[DiscoverySocket.MAX_DATAGRAM + 100];
            peer.send(new DatagramPacket(big, big.length, p.getSocketAddress()));
            Optional<DiscoverySocket.Datagram> d = s.receive(Duration.ofSeconds(2));
            assertTrue(d.isPresent());
            assertEquals(peer.getLocalSocketAddress(), d.get().sender());
            assertTrue(d.get().truncated());
            assertEquals(DiscoverySocket.MAX_DATAGRAM, d.get().payload().length);
            assertEquals(Optional.empty(), s.receive(Duration.ofMillis(50)));
            assertArrayEquals(new byte[]{42}, s.transcript().entries().stream()
                    .filter(e -> e.direction() == dev.starprobe.spi.Transcript.Direction.SENT).findFirst().orElseThrow().data());
        }
    }

    @Test
    void sendsArePacedToTheRate() throws Exception {
        ScopeGuard g = new ScopeGuard(List.of(Cidr.parse("127.0.11.0/24")), false);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.11.8", 0));
             EngineDiscoverySocket s = EngineDiscoverySocket.open(null, g, "discovery:t", 50, 4096)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 6; i++) s.send((InetSocketAddress) peer.getLocalSocketAddress(), new byte[]{1});
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 95, "6 packets at 50/s take at least 100 ms, took " + ms);
        }
    }

    @Test
    void linkInfoGivesItsSubnet() throws Exception {
        LinkInfo l = new LinkInfo("eth0", 2, (Inet4Address) InetAddress.getByName("198.18.5.1"), 24, null, true);
        assertEquals("198.18.5.0/24", l.cidr());
        assertEquals("10.0.0.0/8", new LinkInfo("x", 1, (Inet4Address) InetAddress.getByName("10.2.3.4"), 8, null, true).cidr());
    }
}
