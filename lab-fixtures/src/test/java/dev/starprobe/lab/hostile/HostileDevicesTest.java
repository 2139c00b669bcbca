package dev.starprobe.lab.hostile;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.LegacyTlsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each hostile device does what it claims, each test within 10 s. */
@Timeout(10)
class HostileDevicesTest {

    @Test
    void tarpitAcceptsButNeverAnswersNorCloses() throws Exception {
        try (Lab lab = Lab.start(List.of(new Tarpit()))) {
            InetAddress a = lab.address(Tarpit.NAME);
            for (int port : Tarpit.PORTS) {
                try (Socket s = connect(a, port)) {
                    s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.setSoTimeout(700);
                    assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "port " + port);
                }
            }
        }
    }

    @Test
    void slowDripSendsAboutOneBytePerSecond() throws Exception {
        try (Lab lab = Lab.start(List.of(new SlowDrip()))) {
            try (Socket s = connect(lab.address(SlowDrip.NAME), 22)) {
                s.setSoTimeout(3000);
                InputStream in = s.getInputStream();
                long t0 = System.nanoTime();
                int bytes = 0;
                while (System.nanoTime() - t0 < 2_600_000_000L) {
                    if (in.read() < 0) fail("closed");
                    bytes++;
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(bytes >= 2 && bytes <= 4, bytes + " bytes in " + ms + " ms");
            }
        }
    }

    @Test
    void hugeBannerStreamsFarMoreThanAnyBannerBuffer() throws Exception {
        HugeBanner d = new HugeBanner();
        try (Lab lab = Lab.start(List.of(d))) {
            try (Socket s = connect(lab.address(HugeBanner.NAME), 21)) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64 * 1024];
                int n = in.readNBytes(buf, 0, 4);
                assertEquals("220-", new String(buf, 0, n, StandardCharsets.US_ASCII));
                long total = n;
                while (total < 64L << 20) {
                    int r = in.read(buf);
                    assertTrue(r > 0, "still streaming after " + total + " bytes");
                    total += r;
                }
                assertTrue(d.bytesSent() >= 64L << 20);
            }
            try (Socket s = connect(lab.address(HugeBanner.NAME), 80)) {
                assertTrue(readUntil(s.getInputStream(), "\r\n", 100).startsWith("HTTP/1.1 200 OK"));
            }
        }
    }

    @Test
    void garbageTlsFailsAHandshakeFastWithoutHanging() throws Exception {
        try (Lab lab = Lab.start(List.of(new GarbageTls()))) {
            InetAddress a = lab.address(GarbageTls.NAME);
            long t0 = System.nanoTime();
            assertThrows(IOException.class, () -> LegacyTlsClient.connect(a, 443,
                    new ProtocolVersion[] {ProtocolVersion.TLSv12}, new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}).close());
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
            try (Socket s = connect(a, 443)) {
                byte[] b = s.getInputStream().readNBytes(GarbageTls.CHUNK);
                assertEquals(GarbageTls.CHUNK, b.length);
                assertTrue((b[0] & 0xff) >= 0x80, "not a TLS record type");
            }
        }
    }

    @Test
    void resetOnConnectResets() throws Exception {
        try (Lab lab = Lab.start(List.of(new ResetOnConnect()))) {
            for (int port : new int[] {22, 80, 443}) {
                SocketException e = assertThrows(SocketException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(lab.address(ResetOnConnect.NAME), port), 2000);
                        s.setSoTimeout(2000);
                        s.getInputStream().read();
                    }
                });
                assertFalse(e instanceof ConnectException, "not refused: " + e);
                assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
            }
        }
    }

    @Test
    void acceptThenCloseEndsTheStreamAtOnce() throws Exception {
        try (Lab lab = Lab.start(List.of(new AcceptThenClose()))) {
            for (int port : new int[] {23, 80, 443}) {
                try (Socket s = connect(lab.address(AcceptThenClose.NAME), port)) {
                    assertEquals(-1, s.getInputStream().read());
                }
            }
        }
    }

    @Test
    void fragileHangsWhenTooManyConnectionsAreOpenAndRecordsIt() throws Exception {
        Fragile d = new Fragile(4, 20, Duration.ofSeconds(2));
        try (Lab lab = Lab.start(List.of(d))) {
            InetAddress a = lab.address(Fragile.NAME);
            assertTrue(httpGet(a).startsWith("HTTP/1.1 200"), "answers while polite");
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) held.add(connect(a, 80));
                waitUntil(d::hung, 2000);
                assertThrows(SocketTimeoutException.class, () -> httpGet(a), "accepts but does not answer");
            } finally {
                for (Socket s : held) s.close();
            }
            assertTrue(d.maxConcurrentConnections() >= 5, "max concurrent " + d.maxConcurrentConnections());
            assertEquals(1, d.hangs());
            Thread.sleep(2200);
            assertFalse(d.hung());
            assertTrue(httpGet(a).startsWith("HTTP/1.1 200"), "recovers after the hang");
        }
    }

    @Test
    void fragileHangsWhenConnectionsArriveTooFast() throws Exception {
        Fragile d = new Fragile(100, 20, Duration.ofSeconds(30)); // only the rate limit can trigger here
        try (Lab lab = Lab.start(List.of(d))) {
            InetAddress a = lab.address(Fragile.NAME);
            for (int i = 0; i < 25; i++) connect(a, 502).close();
            waitUntil(d::hung, 2000);
            assertTrue(d.maxConnectionsPerSecond() > 20, "rate " + d.maxConnectionsPerSecond());
            assertEquals(1, d.hangs());
        }
    }

    @Test
    void rebootOnMalformedClosesAllPortsForThreeSeconds() throws Exception {
        RebootOnMalformed d = new RebootOnMalformed();
        try (Lab lab = Lab.start(List.of(d))) {
            InetAddress a = lab.address(RebootOnMalformed.NAME);
            assertTrue(httpGet(a).startsWith("HTTP/1.1 200"));
            try (Socket s = connect(a, 80)) {
                s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, s.getInputStream().read());
            }
            long t0 = System.nanoTime();
            waitUntil(() -> refused(a, 80) && refused(a, 22), 1000);
            assertEquals(1, d.reboots());
            waitUntil(() -> !refused(a, 80) && !refused(a, 22), 5000);
            long downMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(downMs >= 2500 && downMs < 5000, "down for " + downMs + " ms");
            assertTrue(httpGet(a).startsWith("HTTP/1.1 200"), "serves again after the reboot");
            assertEquals(1, d.traffic().malformed());
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitUntil(Condition c, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!c.holds()) {
            if (System.currentTimeMillis() > end) fail("condition not reached in " + ms + " ms");
            Thread.sleep(50);
        }
    }

    static boolean refused(InetAddress a, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, port), 500);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String httpGet(InetAddress a) throws IOException {
        try (Socket s = connect(a, 80)) {
            s.setSoTimeout(1000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return readUntil(s.getInputStream(), "\r\n", 200);
        }
    }
}
