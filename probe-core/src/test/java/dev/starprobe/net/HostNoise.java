package dev.starprobe.net;

import dev.starprobe.engine.PortScanner;
import dev.starprobe.engine.PortSpec;

import java.net.InetAddress;
import java.util.List;

/**
 * TCP ports this machine listens on for every address (0.0.0.0): they answer on each loopback
 * address a simulated device uses, so tests that reason about "every open port" must know them.
 * Found by scanning a loopback address that nothing binds explicitly.
 */
public final class HostNoise {
    private static final String CONTROL = "127.99.99.99";
    private static volatile List<Integer> cached;

    private HostNoise() {
    }

    public static List<Integer> wildcardTcpPorts() {
        if (cached == null) {
            try (NetworkRuntime rt = new NetworkRuntime(NetSettings.defaults().withPerDevice(64, 0),
                    new ScopeGuard(List.of(Cidr.parse(CONTROL)), false))) {
                cached = new PortScanner().scan(rt.forDevice(InetAddress.getByName(CONTROL), "host-noise"),
                        PortSpec.parse("all"), 128, null).toCompletableFuture().join().open();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return cached;
    }
}
