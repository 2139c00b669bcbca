package dev.starprobe.cli;

import dev.starprobe.engine.PortScanner;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.TargetResolver;
import dev.starprobe.net.Cidr;
import dev.starprobe.net.NetSettings;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.net.ScopeGuard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The TCP connect-scan rate of the real port scanner, rounds after one warm-up. By default against
 * a loopback address with listeners it creates itself (reproducible, no other host touched); with
 * --target against one existing device, which the scope guard must admit like any scan target.
 */
@Command(name = "portscan", mixinStandardHelpOptions = true, description = "TCP connect-scan rate: loopback listeners it creates (default) or one device (--target); "
        + "--compare-nmap runs nmap -sT on the same target in the same run.")
final class BenchPortscanCommand implements Callable<Integer> {
    static final int SHOWN_PORTS = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ports", defaultValue = "all", description = "Ports to scan (default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = "--target", paramLabel = "ADDR",
            description = "Scan this one existing device instead of loopback listeners (an IP literal; public addresses are refused).")
    String target;

    @Option(names = "--address", defaultValue = "127.88.0.1", description = "Loopback address for the listeners (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--listeners", defaultValue = "16", description = "Open ports to create on loopback (default: ${DEFAULT-VALUE}).")
    int listeners;

    @CommandLine.Mixin
    BenchRounds benchRounds;

    @Option(names = "--no-epoll", description = "Use NIO even where epoll is available.")
    boolean noEpoll;

    @Option(names = "--compare-nmap", description = "Also time nmap -sT on the same target and ports (when nmap is on PATH) and compare the open ports.")
    boolean compareNmap;

    @Option(names = "--nmap", paramLabel = "PATH", description = "nmap executable for --compare-nmap (default: the first nmap on PATH).")
    Path nmapPath;

    @Option(names = "--nmap-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Longest one nmap run may take (default: ${DEFAULT-VALUE}).")
    long nmapTimeoutSeconds;

    @Mixin
    NetOptions net;

    @Override
    public Integer call() throws Exception {
        int rounds = benchRounds.validated();
        if (nmapTimeoutSeconds < 1) throw new UserInputException("--nmap-timeout must be positive");
        PortSpec portSpec = PortSpec.parse(ports);
        NetSettings settings = net.settings().withEpoll(!noEpoll);
        Optional<Nmap> nmap = compareNmap ? nmap() : Optional.empty();
        Scanned scanned = scanned();
        InetAddress host = scanned.host();
        PrintWriter out = spec.commandLine().getOut();
        List<ServerSocket> open = new ArrayList<>();
        try (NetworkRuntime rt = new NetworkRuntime(settings, scanned.guard())) {
            if (target == null) {
                for (int i = 0; i < listeners; i++) {
                    ServerSocket s = new ServerSocket();
                    s.bind(new InetSocketAddress(host, 0), 512);
                    open.add(s);
                }
            }
            List<Integer> mine = open.stream().map(ServerSocket::getLocalPort).filter(portSpec::contains).sorted().toList();
            out.printf("portscan %s (%s), %d ports, transport %s; %s; %d probes queued at a time%n", host.getHostAddress(),
                    target == null ? listeners + " loopback listeners of ours" : "existing device", portSpec.size(),
                    rt.usesEpoll() ? "epoll" : "nio", politeness(settings), PortScanner.windowFor(settings));
            List<Contender> contenders = new ArrayList<>(List.of(new StarProbeScan(rt, host, portSpec, target == null ? mine : null)));
            List<NmapScan> nmaps = nmapScans(nmap, settings, portSpec, host, out);
            contenders.addAll(nmaps);
            List<InterleavedRounds.Outcome> outcomes = InterleavedRounds.run(contenders, rounds, portSpec.size(), out);
            InterleavedRounds.Outcome ours = outcomes.get(0);
            if (ours.times().isEmpty()) return Main.FAILED;
            out.println("summary: " + ours.stats().describe() + String.format(Locale.ROOT, ", %s at the median",
                    InterleavedRounds.perSecond(portSpec.size(), ours.stats().median())));
            boolean ok = ours.failure() == null;
            if (!nmaps.isEmpty()) ok &= NmapComparison.print(ours, outcomes.subList(1, outcomes.size()), out);
            return ok ? Main.OK : Main.FAILED;
        } finally {
            for (ServerSocket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // benchmark teardown
                }
            }
        }
    }

    /** nmap at its default timing and at our limits, announced with their command lines; none without --compare-nmap. */
    private List<NmapScan> nmapScans(Optional<Nmap> nmap, NetSettings settings, PortSpec portSpec, InetAddress host, PrintWriter out) {
        if (!compareNmap) return List.of();
        if (nmap.isEmpty()) {
            out.println("nmap not installed: no comparison");
            return List.of();
        }
        Nmap n = nmap.get();
        List<NmapScan> scans = new ArrayList<>();
        for (Nmap.Variant v : List.of(Nmap.Variant.defaults(), Nmap.Variant.sameLimits(settings))) {
            scans.add(new NmapScan(n, v, portSpec, host, Duration.ofSeconds(nmapTimeoutSeconds)));
        }
        out.printf("compared with %s (%s), rounds interleaved; nmap's time is its own elapsed time (XML runstats), "
                + "like ours it excludes process start-up%n", n.version(), n.executable());
        scans.forEach(c -> out.println("  " + c.name() + " = " + c.describe()));
        return scans;
    }

    /** The address to scan and the scope guard that admits exactly it. */
    private record Scanned(InetAddress host, ScopeGuard guard) {
    }

    private Scanned scanned() {
        if (target != null) {
            TargetResolver.Resolved r = new TargetResolver().resolve(List.of(target), List.of(), false);
            if (r.addresses().size() != 1) throw new UserInputException("--target takes one device address, not a network");
            return new Scanned(r.addresses().get(0), r.guard());
        }
        if (address.contains("/")) throw new UserInputException("--address takes one loopback address, not a network");
        InetAddress host = Cidr.parse(address).network(); // a literal: never a DNS lookup
        if (!host.isLoopbackAddress()) throw new UserInputException("--address must be a loopback address (use --target for a device)");
        if (listeners < 0 || listeners > 1000) throw new UserInputException("--listeners must be between 0 and 1000");
        return new Scanned(host, new ScopeGuard(List.of(Cidr.parse(host.getHostAddress())), false));
    }

    private Optional<Nmap> nmap() {
        if (nmapPath == null) return Nmap.locate(System.getenv("PATH"));
        if (!Files.isRegularFile(nmapPath) || !Files.isExecutable(nmapPath)) {
            throw new UserInputException("--nmap " + nmapPath + " is not an executable file");
        }
        return Optional.of(new Nmap(nmapPath));
    }

    static String shown(List<Integer> ports) {
        if (ports.size() <= SHOWN_PORTS) return ports.toString();
        return ports.subList(0, SHOWN_PORTS).toString().replace("]", ", ... " + (ports.size() - SHOWN_PORTS) + " more]");
    }

    static String politeness(NetSettings s) {
        return String.format(Locale.ROOT, "per device %d in flight, rate %s, min gap %d ms; global %d in flight, rate %s; connect timeout %d ms",
                s.maxInFlightPerDevice(), rate(s.perSecondPerDevice()), TimeUnit.NANOSECONDS.toMillis(s.minGapNanos()),
                s.globalMaxInFlight(), rate(s.globalPerSecond()), s.connectTimeout().toMillis());
    }

    private static String rate(double perSecond) {
        return perSecond <= 0 ? "unlimited" : String.format(Locale.ROOT, "%.0f/s", perSecond);
    }
}
