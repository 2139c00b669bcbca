package dev.starprobe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a warm-up and then the measured rounds of several scanners, interleaved: round k of each
 * scanner runs before round k+1 of any. On a machine shared with other work the load drifts; run
 * one tool's rounds after the other's and the drift lands on one side of the ratio only.
 */
final class InterleavedRounds {
    /**
     * What one scanner did over all rounds.
     *
     * @param times   measured rounds' seconds (the warm-up excluded)
     * @param opens   open ports of each measured round
     * @param failure why its figures are not valid, or null
     */
    record Outcome(Contender contender, List<Double> times, List<List<Integer>> opens, String failure) {
        RoundStats stats() {
            return RoundStats.of(times);
        }
    }

    private InterleavedRounds() {
    }

    static List<Outcome> run(List<Contender> contenders, int rounds, int portCount, PrintWriter out) throws InterruptedException {
        List<List<Double>> times = new ArrayList<>();
        List<List<List<Integer>>> opens = new ArrayList<>();
        String[] failures = new String[contenders.size()];
        boolean[] dropped = new boolean[contenders.size()];
        for (int i = 0; i < contenders.size(); i++) {
            times.add(new ArrayList<>());
            opens.add(new ArrayList<>());
        }
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                Contender c = contenders.get(i);
                if (dropped[i]) continue;
                String label = (round == 0 ? "warm-up" : "round " + round) + (contenders.size() > 1 ? " " + c.name() : "");
                Contender.Trial t;
                try {
                    t = c.run();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    out.println(label + ": failed: " + e.getMessage());
                    failures[i] = e.getMessage();
                    dropped[i] = true;
                    continue;
                }
                out.printf(Locale.ROOT, "%s: %.3f s, %s, open %d %s%s%n", label, t.seconds(), perSecond(portCount, t.seconds()),
                        t.open().size(), BenchPortscanCommand.shown(t.open()), t.detail().isEmpty() ? "" : ", " + t.detail());
                if (t.mismatch() != null) {
                    out.println("MISMATCH: " + t.mismatch());
                    failures[i] = t.mismatch();
                }
                if (round > 0) {
                    times.get(i).add(t.seconds());
                    opens.get(i).add(t.open());
                }
            }
        }
        List<Outcome> result = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            result.add(new Outcome(contenders.get(i), times.get(i), opens.get(i), failures[i]));
        }
        return result;
    }

    static String perSecond(int ports, double seconds) {
        return seconds > 0 ? String.format(Locale.ROOT, "%.0f ports/s", ports / seconds) : "under 10 ms";
    }
}
