package dev.starprobe.cli;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.net.NetSettings;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Times nmap on the target the benchmark just scanned and prints, per nmap variant, the ratio of
 * the median times and whether nmap found exactly the open ports we found: a faster scan that
 * misses ports is not a win, so a disagreement fails the benchmark.
 */
final class NmapComparison {
    private final PrintWriter out;
    private final Duration timeout;

    NmapComparison(PrintWriter out, Duration timeout) {
        this.out = out;
        this.timeout = timeout;
    }

    /** @return false when nmap ran but failed or disagreed with us; true otherwise (also when it is not installed) */
    boolean compare(Optional<Nmap> nmap, NetSettings settings, PortSpec ports, InetAddress host, int rounds,
                    BenchPortscanCommand.Measured ours) throws InterruptedException {
        if (nmap.isEmpty()) {
            out.println("nmap not installed: no comparison");
            return true;
        }
        Nmap n = nmap.get();
        out.printf("compared with %s (%s), %d round(s) per variant; nmap's time is its own elapsed time (XML runstats), "
                + "like ours it excludes process start-up%n", n.version(), n.executable(), rounds);
        boolean ok = true;
        for (Nmap.Variant v : List.of(Nmap.Variant.defaults(), Nmap.Variant.sameLimits(settings))) {
            ok &= variant(n, v, ports, host, rounds, ours);
        }
        return ok;
    }

    private boolean variant(Nmap n, Nmap.Variant v, PortSpec ports, InetAddress host, int rounds,
                            BenchPortscanCommand.Measured ours) throws InterruptedException {
        List<String> cmd = n.command(v, ports, host);
        out.println(v.label() + ": " + String.join(" ", cmd));
        List<Double> times = new ArrayList<>();
        String disagreement = null;
        for (int round = 1; round <= rounds; round++) {
            Nmap.Run run;
            try {
                run = n.run(cmd, timeout);
            } catch (Nmap.RunException e) {
                out.println("  round " + round + ": nmap comparison failed: " + e.getMessage());
                return false;
            }
            NmapXml.Report rep = run.report();
            times.add(rep.elapsed());
            out.printf(Locale.ROOT, "  round %d: %.2f s (process %.2f s), %s, open %d %s%s%n", round, rep.elapsed(), run.wallSeconds(),
                    rep.elapsed() > 0 ? String.format(Locale.ROOT, "%.0f ports/s", ports.size() / rep.elapsed()) : "under 10 ms",
                    rep.open().size(), BenchPortscanCommand.shown(rep.open()),
                    rep.notShown().isEmpty() ? "" : ", not shown: " + String.join(", ", rep.notShown()));
            if (disagreement == null) disagreement = difference(ours.open(), rep.open(), round);
        }
        RoundStats st = RoundStats.of(times);
        out.printf("  nmap %s; %s; same open ports as StarProbe: %s%n", st.describe(), RoundStats.ratio(ours.stats().median(), st.median()),
                disagreement == null ? "yes (" + ours.open().size() + ")" : disagreement);
        return disagreement == null;
    }

    /** Null when both found the same open ports, else what each found alone. */
    static String difference(List<Integer> ours, List<Integer> theirs, int round) {
        TreeSet<Integer> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(theirs);
        TreeSet<Integer> onlyTheirs = new TreeSet<>(theirs);
        onlyTheirs.removeAll(ours);
        if (onlyOurs.isEmpty() && onlyTheirs.isEmpty()) return null;
        return "NO (nmap round " + round + "): only StarProbe found " + BenchPortscanCommand.shown(List.copyOf(onlyOurs))
                + ", only nmap found " + BenchPortscanCommand.shown(List.copyOf(onlyTheirs));
    }
}
