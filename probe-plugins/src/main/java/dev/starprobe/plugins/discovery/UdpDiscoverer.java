package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.DiscoveryUnavailableException;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Safety;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape every UDP discovery method shares: send queries on the engine's discovery socket,
 * listen for the reply window, turn each answer into a device. Answers that do not parse are
 * counted and logged, never thrown; at most {@link #MAX_ANSWERS} answers are kept per run.
 */
abstract class UdpDiscoverer implements Discoverer {
    static final int MAX_ANSWERS = 4096;
    private final Logger log = LoggerFactory.getLogger(getClass());

    @Override
    public Safety safety() {
        return Safety.SAFE;
    }

    @Override
    public CompletionStage<List<Device>> discover(DiscoveryContext ctx) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(ctx);
            } catch (NetworkException e) {
                throw new CompletionException(e);
            }
        }, ctx.blockingExecutor());
    }

    /** The whole method, on a blocking thread. */
    protected abstract List<Device> run(DiscoveryContext ctx) throws NetworkException;

    /** Multicast methods need a pinned interface that can do multicast. */
    static void requireMulticast(DiscoveryContext ctx, String what) {
        var link = ctx.link().orElseThrow(() -> new DiscoveryUnavailableException(what + " needs an interface (--interface)"));
        if (!link.multicast()) {
            throw new DiscoveryUnavailableException(what + ": interface " + link.name() + " cannot send multicast");
        }
    }

    /** Collects answers until the window passes; the window restarts from the call, not per answer. */
    static List<DiscoverySocket.Datagram> collect(DiscoverySocket socket, Duration window) throws NetworkException {
        List<DiscoverySocket.Datagram> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (out.size() < MAX_ANSWERS) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            var d = socket.receive(Duration.ofNanos(left));
            if (d.isEmpty()) break;
            out.add(d.get());
        }
        return out;
    }

    /** Candidate addresses as a set, for filtering answers. */
    static Set<InetAddress> candidateSet(DiscoveryContext ctx) {
        return new HashSet<>(ctx.candidates());
    }

    /** Parses every answer from a candidate; failures are logged with the sender and skipped. */
    protected <T> Map<InetAddress, List<T>> parseAll(List<DiscoverySocket.Datagram> answers, Set<InetAddress> candidates,
                                                     Parser<T> parser) {
        Map<InetAddress, List<T>> out = new LinkedHashMap<>();
        int bad = 0;
        for (var d : answers) {
            InetAddress from = d.sender().getAddress();
            if (!candidates.contains(from)) continue;
            try {
                out.computeIfAbsent(from, a -> new ArrayList<>()).add(parser.parse(d.payload()));
            } catch (ParseException e) {
                bad++;
                log.debug("{}: unparseable answer from {}: {}", id(), d.sender(), e.getMessage());
            }
        }
        if (bad > 0) log.info("{}: {} answer(s) could not be parsed", id(), bad);
        return out;
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] payload) throws ParseException;
    }
}
