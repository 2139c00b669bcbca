package dev.starprobe.plugins.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Device;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * TCP connect "ping" (nmap -PS without raw sockets): connects to a few common ports of every candidate,
 * paced at the sweep rate, and reports a host as up when a port accepts or refuses — a RST shows the
 * address is in use as surely as a SYN-ACK. Silence on every port says nothing (a firewall drops, or
 * nobody is there). Works without privileges, without an interface and across routers; ports from
 * host-probes.yaml.
 */
public final class TcpConnectDiscoverer implements Discoverer {
    static final String RESOURCE = "/dev/starprobe/plugins/discovery/host-probes.yaml";
    static final List<Integer> PORTS = load();

    @Override
    public String id() {
        return "tcp";
    }

    @Override
    public Safety safety() {
        return Safety.SAFE;
    }

    @Override
    public CompletionStage<List<Device>> discover(DiscoveryContext ctx) {
        return CompletableFuture.supplyAsync(() -> sweep(ctx), ctx.blockingExecutor());
    }

    /** On a pinned LAN the ARP sweep already sees every host; this is for routed targets or an explicit ask. */
    @Override
    public boolean runsByDefault(boolean pinnedToInterface) {
        return !pinnedToInterface;
    }

    /**
     * Port by port over all hosts, as nmap's rounds, without waiting for a round to end: a host that
     * answered by the time its next turn comes is not asked again, silent hosts get every port, all at the
     * sweep rate. The engine bounds each connect.
     */
    private List<Device> sweep(DiscoveryContext ctx) {
        Map<InetAddress, List<CompletableFuture<Optional<Device>>>> asked = new LinkedHashMap<>();
        Pacer pacer = new Pacer(ctx.packetsPerSecond());
        for (int port : PORTS) {
            for (InetAddress a : ctx.candidates()) {
                List<CompletableFuture<Optional<Device>>> tries = asked.computeIfAbsent(a, k -> new ArrayList<>());
                if (settled(tries)) continue;
                pacer.awaitTurn();
                tries.add(attempt(ctx, a, port).toCompletableFuture());
            }
        }
        // a live host answers within milliseconds on a LAN: after the reply window, silence is silence
        // (connects still queued or waiting close their sessions whenever they end)
        long deadline = System.nanoTime() + ctx.replyWindow().toNanos();
        List<Device> up = new ArrayList<>();
        asked.forEach((a, tries) -> tries.stream().map(f -> await(f, deadline)).filter(java.util.Objects::nonNull)
                .findFirst().flatMap(d -> d).ifPresent(up::add));
        return up;
    }

    private static Optional<Device> await(CompletableFuture<Optional<Device>> f, long deadlineNanos) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** An answer (or a scope refusal) is in for this host. */
    private static boolean settled(List<CompletableFuture<Optional<Device>>> tries) {
        return tries.stream().anyMatch(f -> f.isDone() && !f.isCompletedExceptionally() && f.join() != null);
    }

    /** The device when the port answered, empty when the address may not be asked, null for silence. */
    private static CompletionStage<Optional<Device>> attempt(DiscoveryContext ctx, InetAddress a, int port) {
        return ctx.network().to(a).tcp(port).handle((session, err) -> {
            if (err == null) {
                session.close();
                return Optional.of(answer(a, port, "open"));
            }
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof NetworkException ne && ne.failure() == NetworkFailure.REFUSED) {
                return Optional.of(answer(a, port, "closed (RST)"));
            }
            if (cause instanceof NetworkException ne && ne.failure() == NetworkFailure.OUT_OF_SCOPE) {
                return Optional.empty(); // the guard recorded the refusal; never ask it again
            }
            return null;
        });
    }

    private static Device answer(InetAddress a, int port, String state) {
        return new Device(null, a, null, List.of(), Map.of("tcp.ping", port + "/tcp " + state));
    }

    private static List<Integer> load() {
        try (InputStream in = TcpConnectDiscoverer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing");
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Integer> ports = new ArrayList<>();
            root.path("tcpPorts").forEach(p -> {
                int v = p.asInt(-1);
                if (v < 1 || v > 65535) throw new IllegalStateException(RESOURCE + ": bad port " + p);
                ports.add(v);
            });
            if (ports.isEmpty()) throw new IllegalStateException(RESOURCE + ": no tcpPorts");
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
