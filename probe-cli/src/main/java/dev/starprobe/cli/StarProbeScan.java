package dev.starprobe.cli;

import dev.starprobe.engine.PortScanner;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.net.NetworkRuntime;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * StarProbe's own connect scan as a benchmark contender: the real {@link PortScanner} with the
 * window the scan engine uses. On loopback every listener we opened must be found; on a device
 * every round must find what the first round found.
 */
final class StarProbeScan implements Contender {
    private final NetworkRuntime rt;
    private final InetAddress host;
    private final PortSpec ports;
    private final List<Integer> ourListeners;
    private List<Integer> firstOpen;

    /** @param ourListeners the loopback listeners we opened, or null when scanning an existing device */
    StarProbeScan(NetworkRuntime rt, InetAddress host, PortSpec ports, List<Integer> ourListeners) {
        this.rt = rt;
        this.host = host;
        this.ports = ports;
        this.ourListeners = ourListeners == null ? null : List.copyOf(ourListeners);
    }

    @Override
    public String name() {
        return "StarProbe";
    }

    @Override
    public Trial run() throws Exception {
        PortScanner.Result r = new PortScanner().scan(rt.forDevice(host, "bench"), ports, PortScanner.windowFor(rt.settings()), null)
                .toCompletableFuture().get();
        String counts = String.format(Locale.ROOT, "closed %d, filtered %d, errors %d", r.closed(), r.filtered(), r.errors());
        String mismatch = null;
        if (ourListeners != null) {
            // services of this machine bound to the wildcard address answer on our loopback address too
            long others = r.open().stream().filter(p -> !ourListeners.contains(p)).count();
            counts = String.format(Locale.ROOT, "%d of them our listeners (+%d wildcard services), ", r.open().size() - others, others) + counts;
            if (!r.open().containsAll(ourListeners)) mismatch = "the scan missed some of our " + ourListeners.size() + " listeners";
        } else if (firstOpen != null && !firstOpen.equals(r.open())) {
            mismatch = "open ports differ from the first round's " + BenchPortscanCommand.shown(firstOpen);
        }
        if (firstOpen == null) firstOpen = r.open();
        return new Trial(r.elapsedNanos() / 1e9, r.open(), counts, mismatch);
    }
}
