package dev.starprobe.engine;

import dev.starprobe.model.Device;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Inventory.MethodRun;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.net.EngineDiscoverySocket;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.DiscoveryUnavailableException;
import dev.starprobe.spi.LinkInfo;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Safety;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the chosen discoverers side by side over the candidates, each with a time budget derived
 * from the sweep size and rate, and merges what they found per address.
 */
final class DiscoveryStage {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryStage.class);

    record Result(List<Device> devices, List<MethodRun> methods, long millis) {
        /** At least one method ran to the end, so an address it did not report is likely absent. */
        boolean anyCompleted() {
            return methods.stream().anyMatch(m -> m.status() == ExecutionStatus.COMPLETED);
        }
    }

    private final List<Discoverer> installed;

    DiscoveryStage(List<Discoverer> installed) {
        this.installed = installed;
    }

    /** @throws IllegalArgumentException for an unknown method name (message fit for the user) */
    List<Discoverer> select(List<String> methods) {
        return select(methods, false);
    }

    /** The named methods, or every installed method that runs by default for this kind of sweep. */
    List<Discoverer> select(List<String> methods, boolean pinned) {
        if (methods.isEmpty()) return installed.stream().filter(d -> d.runsByDefault(pinned)).toList();
        List<Discoverer> out = new ArrayList<>();
        for (String m : methods) {
            Discoverer d = installed.stream().filter(x -> x.id().equalsIgnoreCase(m.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown discovery method '" + m + "' (installed: "
                            + String.join(", ", installed.stream().map(Discoverer::id).toList()) + ")"));
            if (!out.contains(d)) out.add(d);
        }
        return out;
    }

    Result run(NetworkRuntime rt, List<InetAddress> targets, DiscoveryPlan plan, LinkInfo link,
               Set<Safety> allowed) {
        long t0 = System.nanoTime();
        // the probe's own address is not a device under test
        List<InetAddress> candidates = link == null ? targets
                : targets.stream().filter(a -> !a.equals(link.address())).toList();
        List<Discoverer> chosen = select(plan.methods(), link != null);
        List<DeviceMerge.Seen> seen = new CopyOnWriteArrayList<>();
        List<CompletableFuture<MethodRun>> runs = new ArrayList<>();
        for (Discoverer d : chosen) runs.add(runOne(d, rt, candidates, plan, link, allowed, seen));
        List<MethodRun> methods = runs.stream().map(CompletableFuture::join).toList();
        List<Device> devices = DeviceMerge.merge(seen, new HashSet<>(candidates));
        return new Result(devices, methods, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    record ScanTargets(List<Device> devices, boolean dropIfSilent) {
    }

    /**
     * Discovery before a port scan. For a sweep, only the devices discovery found are scanned (and
     * never dropped as silent) as long as one method ran to the end; single targets are always
     * scanned, with whatever discovery learned about them.
     */
    ScanTargets forScan(NetworkRuntime rt, List<InetAddress> addresses, boolean sweep, DiscoveryPlan plan,
                        LinkInfo link, Set<Safety> allowed, List<String> warnings, java.util.Map<String, Long> stages) {
        Result r = run(rt, addresses, plan, link, allowed);
        stages.put("discovery", r.millis());
        for (MethodRun m : r.methods()) {
            if (m.status() != ExecutionStatus.COMPLETED) {
                warnings.add("discovery " + m.method() + ": " + m.status() + ": " + m.message());
            }
        }
        java.util.Map<InetAddress, Device> found = new java.util.LinkedHashMap<>();
        r.devices().forEach(d -> found.put(d.address(), d));
        if (sweep && r.anyCompleted()) {
            warnings.add("discovery found " + found.size() + " of " + addresses.size()
                    + " addresses; only those were port-scanned");
            return new ScanTargets(r.devices(), false);
        }
        if (sweep) warnings.add("no discovery method completed: every address was port-scanned");
        List<Device> devices = addresses.stream().map(a -> found.getOrDefault(a, Device.at(a))).toList();
        return new ScanTargets(devices, sweep);
    }

    /** Sweep time at the plan's rate (two passes, for lost packets) plus listening, plus slack. */
    static Duration budget(int candidates, DiscoveryPlan plan) {
        long sweepMillis = (long) (2 * 1000.0 * candidates / plan.packetsPerSecond());
        return Duration.ofMillis(sweepMillis).plus(plan.replyWindow().multipliedBy(4)).plusSeconds(10);
    }

    private CompletableFuture<MethodRun> runOne(Discoverer d, NetworkRuntime rt, List<InetAddress> candidates,
                                                DiscoveryPlan plan, LinkInfo link, Set<Safety> allowed,
                                                List<DeviceMerge.Seen> seen) {
        long t0 = System.nanoTime();
        if (!allowed.contains(d.safety())) {
            return CompletableFuture.completedFuture(new MethodRun(d.id(), ExecutionStatus.SKIPPED, 0, 0,
                    d.safety() + " discovery is not allowed (use --allow " + d.safety().name().toLowerCase() + ")"));
        }
        if (d.needsInterface() && link == null) {
            return CompletableFuture.completedFuture(new MethodRun(d.id(), ExecutionStatus.SKIPPED, 0, 0,
                    "needs an interface: pass --interface"));
        }
        Context ctx = new Context(d.id(), rt, candidates, plan, link);
        Duration budget = budget(candidates.size(), plan);
        CompletableFuture<List<Device>> f;
        try {
            f = d.discover(ctx).toCompletableFuture();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS).handle((found, err) -> {
            ctx.close();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (err == null) {
                List<Device> list = found == null ? List.of() : found;
                list.forEach(dev -> seen.add(new DeviceMerge.Seen(d.id(), dev)));
                return new MethodRun(d.id(), ExecutionStatus.COMPLETED, list.size(), ms, null);
            }
            Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (c instanceof TimeoutException) {
                return new MethodRun(d.id(), ExecutionStatus.TIMED_OUT, 0, ms, "no result within " + budget.toSeconds() + " s");
            }
            if (c instanceof DiscoveryUnavailableException) {
                return new MethodRun(d.id(), ExecutionStatus.ERROR, 0, ms, c.getMessage());
            }
            LOG.debug("discovery {} failed", d.id(), c);
            return new MethodRun(d.id(), ExecutionStatus.ERROR, 0, ms, c.getClass().getSimpleName() + ": " + c.getMessage());
        });
    }

    /** The engine's side of {@link DiscoveryContext}: everything opened through it is closed after the method. */
    private static final class Context implements DiscoveryContext, AutoCloseable {
        private final String requestedBy;
        private final NetworkRuntime rt;
        private final List<InetAddress> candidates;
        private final DiscoveryPlan plan;
        private final LinkInfo link;
        private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

        Context(String id, NetworkRuntime rt, List<InetAddress> candidates, DiscoveryPlan plan, LinkInfo link) {
            this.requestedBy = "discovery:" + id;
            this.rt = rt;
            this.candidates = List.copyOf(new LinkedHashSet<>(candidates));
            this.plan = plan;
            this.link = link;
        }

        @Override
        public List<InetAddress> candidates() {
            return candidates;
        }

        @Override
        public Optional<LinkInfo> link() {
            return Optional.ofNullable(link);
        }

        @Override
        public NetworkFactory network() {
            return host -> {
                DeviceNetwork n = rt.forDevice(host, requestedBy);
                opened.add(n);
                return n;
            };
        }

        @Override
        public DiscoverySocket openSocket() throws NetworkException {
            EngineDiscoverySocket s = EngineDiscoverySocket.open(link, rt.guard(), requestedBy, plan.packetsPerSecond(),
                    rt.settings().transcriptCap());
            opened.add(s);
            return s;
        }

        @Override
        public void admit(InetAddress destination) throws NetworkException {
            rt.guard().check(destination, requestedBy);
        }

        @Override
        public double packetsPerSecond() {
            return plan.packetsPerSecond();
        }

        @Override
        public Duration replyWindow() {
            return plan.replyWindow();
        }

        @Override
        public Executor blockingExecutor() {
            return rt.blockingExecutor();
        }

        @Override
        public void close() {
            synchronized (opened) {
                for (AutoCloseable c : opened) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing on behalf of a finished discoverer
                    }
                }
                opened.clear();
            }
        }
    }
}
