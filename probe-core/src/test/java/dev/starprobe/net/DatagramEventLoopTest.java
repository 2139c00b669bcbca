package dev.starprobe.net;

import dev.starprobe.spi.DatagramSession;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UDP exchanges with closed ports (answered by ICMP port unreachable) while other code of the same
 * process opens and closes ordinary blocking sockets: every exchange ends (answer, refusal or timeout),
 * round after round. A whole-lab scan once froze when an event loop stayed blocked in a datagram read
 * (the reason UDP sessions run on NIO); this test did not reproduce that freeze on the native transport
 * and stands as the bound every UDP exchange must keep.
 */
class DatagramEventLoopTest {
    private static final String ADDR = "127.0.0.1";

    @Test
    void probesToClosedUdpPortsNeverFreezeAnEventLoop() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(ADDR))) {
            closedPort = probe.getLocalPort(); // free again once closed: nothing listens there
        }
        AtomicBoolean churn = new AtomicBoolean(true);
        // blocking sockets opened and closed next to the engine's, as client libraries and agents do
        Thread other = new Thread(() -> {
            while (churn.get()) {
                try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(ADDR));
                     ServerSocket t = new ServerSocket(0, 1, InetAddress.getByName(ADDR))) {
                    s.setSoTimeout(1);
                } catch (Exception ignored) {
                    // only the churn of descriptor numbers matters here
                }
            }
        });
        other.setDaemon(true);
        other.start();
        try (NetworkRuntime rt = new NetworkRuntime(NetSettings.defaults().withPerDevice(32, 0),
                new ScopeGuard(List.of(Cidr.parse(ADDR)), false))) {
            InetAddress device = InetAddress.getByName(ADDR);
            for (int round = 0; round < 40; round++) {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    DeviceNetwork net = rt.forDevice(device, "udp-probe");
                    all.add(net.udp(closedPort).thenCompose(s -> s.send(new byte[]{1, 2, 3})
                                    .thenCompose(v -> s.receive(Duration.ofMillis(100)))
                                    .handle((r, e) -> {
                                        s.close();
                                        return (Void) null;
                                    }))
                            .toCompletableFuture().handle((v, e) -> {
                                net.close();
                                return (Void) null;
                            }));
                }
                CompletableFuture<Void> round32 = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
                try {
                    round32.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    long stuck = all.stream().filter(f -> !f.isDone()).count();
                    assertTrue(false, stuck + " of 32 UDP exchanges in round " + round + " never ended");
                }
            }
        } finally {
            churn.set(false);
        }
    }
}
