package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NettySessionTest {
    private static final String ADDR = "127.0.0.1";
    private NetworkRuntime rt;

    private NetworkRuntime runtime(NetSettings s) {
        rt = new NetworkRuntime(s, new ScopeGuard(List.of(Cidr.parse(ADDR)), false));
        return rt;
    }

    @AfterEach
    void close() {
        if (rt != null) rt.close();
    }

    @Test
    void readsBannerAndRecordsTranscript() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(ADDR, LoopbackServer.banner("SSH-2.0-Test\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            DeviceNetwork net = runtime(NetSettings.defaults()).forDevice(srv.address(), "test");
            Session s = net.tcp(srv.port()).toCompletableFuture().join();
            byte[] got = s.readUntil("\r\n".getBytes(), 100, Duration.ofSeconds(2)).toCompletableFuture().join();
            assertEquals("SSH-2.0-Test\r\n", new String(got, StandardCharsets.US_ASCII));
            assertTrue(s.transcript().entries().stream().anyMatch(e -> e.direction() == dev.starprobe.spi.Transcript.Direction.RECEIVED));
            s.close();
        }
    }

    @Test
    void stalledPeerTimesOutAsIoTimeout() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(ADDR, LoopbackServer.banner(new byte[0]))) {
            Session s = runtime(NetSettings.defaults()).forDevice(srv.address(), "t").tcp(srv.port()).toCompletableFuture().join();
            var e = assertThrows(CompletionException.class, () -> s.read(10, Duration.ofMillis(200)).toCompletableFuture().join());
            assertEquals(NetworkFailure.IO_TIMEOUT, ((NetworkException) e.getCause()).failure());
            s.close();
        }
    }

    @Test
    void floodingPeerIsBoundedByTheReadCap() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (LoopbackServer srv = new LoopbackServer(ADDR, (sock, out) -> {
            try {
                for (int i = 0; i < 10_000; i++) out.write(chunk); // 640 MB if anyone read it all
            } catch (IOException ignored) {
                // the probe closed
            }
        })) {
            NetSettings small = NetSettings.defaults().withReadBufferCap(256 * 1024);
            Session s = runtime(small).forDevice(srv.address(), "t").tcp(srv.port()).toCompletableFuture().join();
            byte[] first = s.readUntil("never".getBytes(), 1000, Duration.ofSeconds(2)).toCompletableFuture().join();
            assertEquals(1000, first.length);
            Thread.sleep(300); // let the peer push; reading must have paused at the cap
            assertTrue(s.transcript().truncated() || s.transcript().entries().stream().mapToInt(e -> e.data().length).sum()
                    <= small.transcriptCap(), "transcript stays bounded");
            s.close();
        }
    }

    @Test
    void refusedPortIsClassified() throws Exception {
        int port;
        try (var tmp = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(ADDR))) {
            port = tmp.getLocalPort();
        }
        var e = assertThrows(CompletionException.class, () -> runtime(NetSettings.defaults())
                .forDevice(java.net.InetAddress.getByName(ADDR), "t").tcp(port).toCompletableFuture().join());
        assertEquals(NetworkFailure.REFUSED, Failures.classify(e));
    }

    @Test
    void outOfScopeIsRefusedBeforeAnyPacket() throws Exception {
        var e = assertThrows(CompletionException.class, () -> runtime(NetSettings.defaults())
                .forDevice(java.net.InetAddress.getByName("127.0.0.2"), "t").tcp(1).toCompletableFuture().join());
        assertEquals(NetworkFailure.OUT_OF_SCOPE, Failures.classify(e));
        assertEquals(1, rt.guard().refusalCount());
    }

    @Test
    void blockingStreamsWork() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(ADDR, (sock, out) -> {
            try {
                int b;
                while ((b = sock.getInputStream().read()) >= 0) out.write(b); // echo
            } catch (IOException ignored) {
                // closed
            }
        })) {
            Session s = runtime(NetSettings.defaults()).forDevice(srv.address(), "t").tcp(srv.port()).toCompletableFuture().join();
            s.outputStream().write("ping".getBytes());
            byte[] buf = new byte[4];
            int n = 0;
            while (n < 4) n += s.inputStream().read(buf, n, 4 - n);
            assertArrayEquals("ping".getBytes(), buf);
            s.close();
        }
    }

    @Test
    void socketFactoryIsGuardedAndTranscribed() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(ADDR, LoopbackServer.banner("hello".getBytes()))) {
            DeviceNetwork net = runtime(NetSettings.defaults()).forDevice(srv.address(), "t");
            try (java.net.Socket sock = net.socketFactory().createSocket(srv.address(), srv.port())) {
                byte[] b = sock.getInputStream().readNBytes(5);
                assertEquals("hello", new String(b));
            }
            assertEquals(1, net.transcripts().size());
            assertThrows(OutOfScopeException.class,
                    () -> net.socketFactory().createSocket(java.net.InetAddress.getByName("127.0.0.3"), srv.port()));
        }
    }

    @Test
    void udpSessionExchangesDatagramsAndTimesOut() throws Exception {
        try (java.net.DatagramSocket echo = new java.net.DatagramSocket(0, java.net.InetAddress.getByName(ADDR))) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[1500];
                try {
                    var p = new java.net.DatagramPacket(buf, buf.length);
                    echo.receive(p);
                    echo.send(new java.net.DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                } catch (IOException ignored) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            var udp = runtime(NetSettings.defaults()).forDevice(echo.getLocalAddress(), "t").udp(echo.getLocalPort())
                    .toCompletableFuture().join();
            udp.send("coap?".getBytes()).toCompletableFuture().join();
            assertArrayEquals("coap?".getBytes(), udp.receive(Duration.ofSeconds(2)).toCompletableFuture().join());
            var e = assertThrows(CompletionException.class, () -> udp.receive(Duration.ofMillis(150)).toCompletableFuture().join());
            assertEquals(NetworkFailure.IO_TIMEOUT, Failures.classify(e));
            assertEquals(2, udp.transcript().entries().size());
            udp.close();
        }
    }
}
