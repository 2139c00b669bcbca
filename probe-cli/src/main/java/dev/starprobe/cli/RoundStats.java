package dev.starprobe.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Median, minimum and maximum of a benchmark's round times in seconds. The median is the figure to
 * quote: on a shared machine one round disturbed by another process moves the mean, not the median.
 */
record RoundStats(int rounds, double median, double min, double max) {

    static RoundStats of(List<Double> seconds) {
        if (seconds.isEmpty()) throw new IllegalArgumentException("no rounds");
        List<Double> s = new ArrayList<>(seconds);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new RoundStats(n, median, s.get(0), s.get(n - 1));
    }

    String describe() {
        return String.format(Locale.ROOT, "%d round(s), median %.3f s, min %.3f s, max %.3f s", rounds, median, min, max);
    }

    /**
     * "ratio StarProbe/nmap 0.82 (StarProbe faster)": below 1 StarProbe needed less time. Within
     * 5 % either way the two are called even, which is below the noise of a shared machine.
     */
    static String ratio(double ours, double theirs) {
        if (theirs <= 0) return "ratio StarProbe/nmap undefined (nmap reported 0 s)";
        double r = ours / theirs;
        String who = r < 0.95 ? "StarProbe faster" : r > 1.05 ? "nmap faster" : "about even";
        return String.format(Locale.ROOT, "ratio StarProbe/nmap %.2f (%s)", r, who);
    }
}
