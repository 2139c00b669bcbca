package dev.starprobe.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;

/**
 * The verdict of a port-scan benchmark against nmap, per nmap variant: the ratio of the median
 * times and whether nmap found exactly the open ports we found. A faster scan that misses ports is
 * not a win, so a disagreement fails the benchmark.
 */
final class NmapComparison {
    private NmapComparison() {
    }

    /** @return false when a variant failed to run or disagreed with StarProbe on any round */
    static boolean print(InterleavedRounds.Outcome ours, List<InterleavedRounds.Outcome> nmaps, PrintWriter out) {
        boolean ok = true;
        List<Integer> reference = ours.opens().isEmpty() ? List.of() : ours.opens().get(ours.opens().size() - 1);
        for (InterleavedRounds.Outcome n : nmaps) {
            String name = "vs " + n.contender().name() + ": ";
            if (n.failure() != null || n.times().isEmpty() || ours.times().isEmpty()) {
                out.println(name + "nmap comparison failed: " + (n.failure() != null ? n.failure() : "StarProbe has no measured round"));
                ok = false;
                continue;
            }
            String disagreement = null;
            for (int r = 0; r < n.opens().size() && disagreement == null; r++) {
                disagreement = difference(reference, n.opens().get(r), r + 1);
            }
            out.printf("%s%s; %s; same open ports as StarProbe: %s%n", name, n.stats().describe(),
                    RoundStats.ratio(ours.stats().median(), n.stats().median()),
                    disagreement == null ? "yes (" + reference.size() + ")" : disagreement);
            ok &= disagreement == null;
        }
        return ok;
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
