package dev.starprobe.plugins.discovery;

import dev.starprobe.net.Cidr;
import dev.starprobe.net.EngineDiscoverySocket;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.net.NetSettings;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.net.ScopeGuard;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.LinkInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery against devices that flood, stall or lie: time and memory stay bounded. */
class HostileRespondersTest {
    private static final String NET = "127.0.14.0/24";
    private final ScopeGuard guard = new ScopeGuard(List.of(Cidr.parse(NET)), false);
    private final NetworkRuntime rt = new NetworkRuntime(NetSettings.defaults(), guard);

    @AfterEach
    void close() {
        rt.close();
    }

    /** A discovery context over the loopback runtime, as the engine would give it. */
    private DiscoveryContext ctx(List<InetAddress> candidates) {
        return new DiscoveryContext() {
            public List<InetAddress> candidates() {
                return candidates;
            }

            public Optional<LinkInfo> link() {
                return Optional.empty();
            }

            public NetworkFactory network() {
                return host -> rt.forDevice(host, "discovery:test");
            }

            public DiscoverySocket openSocket() throws dev.starprobe.spi.NetworkException {
                return EngineDiscoverySocket.open(null, guard, "discovery:test", 1000, 4096);
            }

            public void admit(InetAddress destination) throws dev.starprobe.spi.NetworkException {
                guard.check(destination, "discovery:test");
            }

            public double packetsPerSecond() {
                return 1000;
            }

            public Duration replyWindow() {
                return Duration.ofMillis(300);
            }

            public Executor blockingExecutor() {
                return rt.blockingExecutor();
            }
        };
    }

    @Test
    void aFloodingResponderCannotStretchTheWindowOrGrowTheAnswerList() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (DiscoverySocket s = ctx(List.of()).openSocket();
             DatagramSocket flood = new DatagramSocket(new InetSocketAddress("127.0.14.9", 0))) {
            Thread t = new Thread(() -> {
                byte[] junk = new byte[1200];
                while (!stop.get()) {
                    try {
                        flood.send(new DatagramPacket(junk, junk.length, s.local().getAddress().isAnyLocalAddress()
                                ? new InetSocketAddress("127.0.0.1", s.local().getPort()) : s.local()));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.start();
            long t0 = System.nanoTime();
            var answers = UdpDiscoverer.collect(s, Duration.ofMillis(400));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            stop.set(true);
            t.join();
            assertTrue(ms < 1500, "window held: " + ms + " ms");
            assertTrue(answers.size() <= UdpDiscoverer.MAX_ANSWERS, answers.size() + " answers kept");
        }
    }

    @Test
    void anEndlessDescriptionIsCutAtTheCapAndRefused() throws Exception {
        try (LoopbackServer endless = new LoopbackServer("127.0.14.2", (sock, out) -> {
            try {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<root><device>".getBytes(StandardCharsets.US_ASCII));
                byte[] filler = "<x>aaaaaaaaaaaaaaaa</x>".repeat(100).getBytes(StandardCharsets.US_ASCII);
                while (true) out.write(filler);
            } catch (IOException closed) {
                // the probe stopped reading: that is the point
            }
        })) {
            InetAddress dev = InetAddress.getByName("127.0.14.2");
            long t0 = System.nanoTime();
            byte[] body = HttpFetch.get(ctx(List.of(dev)), "http://127.0.14.2:" + endless.port() + "/d.xml", dev);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(body.length <= HttpFetch.MAX_RESPONSE, body.length + " bytes kept");
            assertTrue(ms < 4000, ms + " ms");
            ParseException e = assertThrows(ParseException.class, () -> UpnpDescription.parse(body));
            assertTrue(e.getMessage().contains("larger than") || e.getMessage().contains("malformed"), e.getMessage());
        }
    }

    @Test
    void aTarpitDescriptionServerCostsAtMostTheFetchTimeout() throws Exception {
        try (LoopbackServer tarpit = new LoopbackServer("127.0.14.3", (sock, out) -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            InetAddress dev = InetAddress.getByName("127.0.14.3");
            long t0 = System.nanoTime();
            ParseException e = assertThrows(ParseException.class,
                    () -> HttpFetch.get(ctx(List.of(dev)), "http://127.0.14.3:" + tarpit.port() + "/d.xml", dev));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < HttpFetch.TIMEOUT.toMillis() + 1500, ms + " ms");
            assertTrue(e.getMessage().contains("fetching the description failed: no data"), e.getMessage());
        }
    }

    @Test
    void aLocationPointingElsewhereIsNeverFetched() throws Exception {
        InetAddress dev = InetAddress.getByName("127.0.14.4");
        ParseException e = assertThrows(ParseException.class,
                () -> HttpFetch.get(ctx(List.of(dev)), "http://127.0.14.5:80/desc.xml", dev));
        assertTrue(e.getMessage().contains("is not the answering device"), e.getMessage());
        assertThrows(ParseException.class, () -> HttpFetch.get(ctx(List.of(dev)), "https://127.0.14.4/desc.xml", dev));
        assertThrows(ParseException.class, () -> HttpFetch.get(ctx(List.of(dev)), "http://example.invalid/desc.xml", dev));
        assertEquals(0, guard.refusalCount(), "nothing was even attempted");
    }
}
