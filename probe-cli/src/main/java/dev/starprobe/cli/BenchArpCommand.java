package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.engine.DiscoveryPlan;
import dev.starprobe.engine.DiscoveryRequest;
import dev.starprobe.model.Device;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Inventory;
import dev.starprobe.net.Cidr;
import dev.starprobe.net.InterfaceResolver;
import dev.starprobe.net.NetSettings;
import dev.starprobe.spi.LinkInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * How long the real ARP discoverer needs to sweep a /24: the same code path as
 * {@code discover --methods arp}, rounds after one warm-up, with the devices each round found.
 */
@Command(name = "arp", mixinStandardHelpOptions = true, description = "ARP sweep time of the interface's /24 (or --cidr inside its subnet) with the real ARP discoverer.")
final class BenchArpCommand implements Callable<Integer> {
    static final int SHOWN_DEVICES = 8;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE", description = "Interface of the LAN to sweep.")
    String iface;

    @Option(names = "--cidr", paramLabel = "CIDR",
            description = "Network to sweep, inside the interface's subnet (default: the interface's subnet, or the /24 around its address when the subnet is larger).")
    String cidr;

    @Option(names = "--pps", defaultValue = "100", paramLabel = "N",
            description = "ARP requests per second, as discover --discovery-rate (default: ${DEFAULT-VALUE}).")
    double pps;

    @Option(names = "--wait", defaultValue = "1500", paramLabel = "MS",
            description = "Reply window after the last request, as discover --discovery-wait (default: ${DEFAULT-VALUE}).")
    long waitMillis;

    @CommandLine.Mixin
    BenchRounds benchRounds;

    @Option(names = "--expect", paramLabel = "N", description = "Devices that must be found in every round (a sweep that misses devices fails).")
    Integer expect;

    @Option(names = "--plugins", description = "Folder of plugin jars (default: ${DEFAULT-VALUE}).", defaultValue = "plugins")
    Path plugins;

    @Override
    public Integer call() {
        DiscoveryPlan plan = DiscoveryOptions.plan(iface, List.of("arp"), pps, "--pps", waitMillis, "--wait");
        int rounds = benchRounds.validated();
        if (expect != null && expect < 0) throw new UserInputException("--expect must not be negative");
        LinkInfo link = InterfaceResolver.resolve(iface);
        Cidr sweep = sweepNetwork(link, cidr);
        long addresses = sweep.hosts(65_536).stream().filter(a -> !a.equals(link.address())).count();
        DiscoveryRequest req = new DiscoveryRequest(List.of(sweep.toString()), List.of(), false, plan, NetSettings.defaults());
        Probe probe = Probe.load(plugins);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "arp sweep of %s via %s (%s, %s), %d addresses to ask, rate limit %.0f requests/s, reply window %d ms%n",
                sweep, link.name(), link.address().getHostAddress(), link.mac() == null ? "no MAC" : link.mac(), addresses, pps, waitMillis);
        List<Double> times = new ArrayList<>();
        boolean ok = true;
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            Inventory inv = probe.discover(req);
            double wall = (System.nanoTime() - t0) / 1e9;
            Inventory.MethodRun arp = inv.methods().get(0);
            String what = round == 0 ? "warm-up" : "round " + round;
            if (arp.status() != ExecutionStatus.COMPLETED) {
                out.println(what + ": ARP " + arp.status() + ": " + arp.message());
                return Main.FAILED;
            }
            double secs = arp.millis() / 1000.0;
            out.printf(Locale.ROOT, "%s: %.3f s sweep (%.3f s with set-up), %.0f addresses/s, %d device(s) found %s%n", what, secs, wall,
                    addresses / secs, inv.devices().size(), devices(inv.devices()));
            if (expect != null && inv.devices().size() != expect) {
                out.printf("MISMATCH: expected %d device(s), found %d%n", expect, inv.devices().size());
                ok = false;
            }
            if (round > 0) times.add(secs);
        }
        RoundStats st = RoundStats.of(times);
        out.printf(Locale.ROOT, "summary: %s, %.0f addresses/s at the median%n", st.describe(), addresses / st.median());
        return ok ? Main.OK : Main.FAILED;
    }

    /**
     * The interface's subnet when it is a /24 or smaller, else the /24 around the interface's
     * address; a --cidr must lie inside the subnet, because ARP only reaches the local segment.
     */
    static Cidr sweepNetwork(LinkInfo link, String requested) {
        Cidr subnet = Cidr.parse(link.cidr());
        if (requested == null) {
            return subnet.prefix() >= 24 ? subnet : Cidr.parse(link.address().getHostAddress() + "/24");
        }
        Cidr c = Cidr.parse(requested);
        if (c.prefix() < subnet.prefix() || !subnet.contains(c.network())) {
            throw new UserInputException("--cidr " + requested + " is not inside " + link.name() + "'s subnet " + subnet
                    + ": ARP only reaches the local segment");
        }
        return c;
    }

    private static String devices(List<Device> found) {
        if (found.isEmpty()) return "";
        String list = found.stream().limit(SHOWN_DEVICES).map(d -> d.address().getHostAddress()).collect(Collectors.joining(", "));
        return "[" + list + (found.size() > SHOWN_DEVICES ? ", ... " + (found.size() - SHOWN_DEVICES) + " more" : "") + "]";
    }
}
