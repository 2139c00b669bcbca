package dev.starprobe.engine;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.net.Cidr;
import dev.starprobe.net.NetSettings;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.net.ScopeGuard;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpServiceScannerTest {
    /** Answers every datagram with {@code reply}, after ignoring the first {@code drop} ones. */
    private static DatagramSocket responder(InetAddress a, int port, byte[] reply, int drop, AtomicInteger seen) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(a, port));
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    if (seen.incrementAndGet() > drop) s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void reportsOnlyPortsThatAnswerTheirProtocol() throws Exception {
        InetAddress dev = InetAddress.getByName("127.0.3.1");
        AtomicInteger coapSeen = new AtomicInteger();
        AtomicInteger junkSeen = new AtomicInteger();
        try (DatagramSocket coap = responder(dev, 5683, HexFormat.of().parseHex("60451234c0"), 1, coapSeen);
             DatagramSocket notDtls = responder(dev, 5684, "garbage".getBytes(), 0, junkSeen);
             NetworkRuntime rt = new NetworkRuntime(NetSettings.defaults(), new ScopeGuard(List.of(Cidr.parse("127.0.3.1")), false))) {
            List<Service> found = new UdpServiceScanner(UdpProbes.builtIn())
                    .scan(rt.forDevice(dev, "udpscan"), List.of(161, 5683, 5684, 9999), Duration.ofMillis(300))
                    .toCompletableFuture().join();

            assertEquals(1, found.size(), found.toString());
            Service s = found.get(0);
            assertEquals(Transport.UDP, s.transport());
            assertEquals(5683, s.port());
            assertEquals("coap", s.protocol());
            assertEquals(2, coapSeen.get(), "the lost first datagram was retried once");
            assertTrue(junkSeen.get() >= 1, "the DTLS probe was sent, its garbage reply rejected");
        }
    }
}
