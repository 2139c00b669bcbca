package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoveryUnavailableException;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * ICMP echo "where allowed": the JDK sends a real echo request only with raw-socket privilege and
 * otherwise silently tries TCP port 7 instead, which is not what the user asked for, so without
 * CAP_NET_RAW the method says it cannot run rather than pretend. Each echo is admitted by the scope
 * guard first, leaves through the pinned interface when there is one, and is paced at the sweep rate
 * with a bounded number waiting at once.
 */
public final class IcmpEchoDiscoverer implements Discoverer {
    static final int MAX_IN_FLIGHT = 32;
    /** Bit of CAP_NET_RAW in /proc/self/status CapEff (linux/capability.h). */
    static final int CAP_NET_RAW = 13;

    @Override
    public String id() {
        return "icmp";
    }

    @Override
    public Safety safety() {
        return Safety.SAFE;
    }

    @Override
    public CompletionStage<List<Device>> discover(DiscoveryContext ctx) {
        return CompletableFuture.supplyAsync(() -> sweep(ctx), ctx.blockingExecutor());
    }

    private List<Device> sweep(DiscoveryContext ctx) {
        if (!hasRawSocketPrivilege(Path.of("/proc/self/status"))) {
            throw new DiscoveryUnavailableException("ICMP echo needs raw-socket privilege: run as root, or give the JVM"
                    + " CAP_NET_RAW (without it the JDK would probe TCP port 7 instead; use --methods tcp for that)");
        }
        NetworkInterface nif = ctx.interfaceName().map(IcmpEchoDiscoverer::byName).orElse(null);
        int timeoutMs = (int) Math.max(100, Math.min(Integer.MAX_VALUE, ctx.replyWindow().toMillis()));
        Pacer pacer = new Pacer(ctx.packetsPerSecond());
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        List<CompletableFuture<Optional<Device>>> all = new ArrayList<>();
        for (InetAddress a : ctx.candidates()) {
            try {
                ctx.admit(a);
            } catch (NetworkException e) {
                continue; // refused by the scope guard, which recorded it
            }
            pacer.awaitTurn();
            inFlight.acquireUninterruptibly();
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    long t0 = System.nanoTime();
                    if (!a.isReachable(nif, 0, timeoutMs)) return Optional.<Device>empty();
                    long rttMicros = (System.nanoTime() - t0) / 1000;
                    return Optional.of(new Device(null, a, null, List.of(),
                            Map.of("icmp.echo", "reply in " + rttMicros / 1000.0 + " ms")));
                } catch (IOException e) {
                    return Optional.<Device>empty(); // unreachable or refused by the stack: nothing to report
                } finally {
                    inFlight.release();
                }
            }, ctx.blockingExecutor()));
        }
        return all.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    }

    private static NetworkInterface byName(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) throw new DiscoveryUnavailableException("ICMP echo: no interface " + name);
            return nif;
        } catch (SocketException e) {
            throw new CompletionException(e);
        }
    }

    /** Effective capabilities of this process include CAP_NET_RAW (root has it unless dropped). */
    static boolean hasRawSocketPrivilege(Path procStatus) {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    return (caps & (1L << CAP_NET_RAW)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: cannot tell, so do not claim ICMP
        }
        return false;
    }
}
