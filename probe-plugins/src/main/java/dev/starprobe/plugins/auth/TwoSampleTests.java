package dev.starprobe.plugins.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The two-sample statistics a differential (user-enumeration) test needs: Mann-Whitney U for a numeric
 * feature such as latency (rank-based, so a few slow outliers from a busy network do not decide it),
 * Fisher's exact test for a categorical one (status, normalised body), and the smallest latency shift
 * the numeric test could have detected, so that "no difference" is only claimed with enough power.
 */
final class TwoSampleTests {
    /** Asymptotic efficiency of Mann-Whitney relative to the t-test under normal noise (3/pi). */
    private static final double MWU_EFFICIENCY = 3 / Math.PI;

    private TwoSampleTests() {
    }

    /**
     * @param p     two-sided p-value (normal approximation with tie and continuity correction)
     * @param shift Hodges-Lehmann estimate of the shift a - b (median of all pairwise differences)
     */
    record RankResult(double u, double z, double p, double medianA, double medianB, double shift) {
    }

    static RankResult mannWhitney(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("both samples need values");
        int n = n1 + n2;
        double[][] all = new double[n][];
        for (int i = 0; i < n1; i++) all[i] = new double[]{a[i], 0};
        for (int i = 0; i < n2; i++) all[n1 + i] = new double[]{b[i], 1};
        Arrays.sort(all, (x, y) -> Double.compare(x[0], y[0]));
        double rankSumA = 0;
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) j++;
            double rank = (i + j) / 2.0 + 1;
            int t = j - i + 1;
            tieTerm += (double) t * t * t - t;
            for (int k = i; k <= j; k++) if (all[k][1] == 0) rankSumA += rank;
            i = j + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double var = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        double z = var <= 0 ? 0 : (Math.abs(u - mean) - 0.5) / Math.sqrt(var);
        z = Math.max(0, z) * Math.signum(u - mean);
        double p = var <= 0 ? 1 : Math.min(1, 2 * upperTail(Math.abs(z)));
        double[] diffs = new double[n1 * n2];
        int k = 0;
        for (double x : a) for (double y : b) diffs[k++] = x - y;
        return new RankResult(u, z, p, median(a), median(b), median(diffs));
    }

    /**
     * Two-sided Fisher exact test of the 2x2 table {{a, b}, {c, d}} (rows: samples; columns: has the
     * value / has not): the probability, with the margins fixed, of a table at most as likely as this one.
     */
    static double fisherExact(int a, int b, int c, int d) {
        int row1 = a + b;
        int col1 = a + c;
        int n = a + b + c + d;
        double observed = logHypergeometric(a, row1, col1, n);
        double p = 0;
        for (int x = Math.max(0, row1 + col1 - n); x <= Math.min(row1, col1); x++) {
            double lp = logHypergeometric(x, row1, col1, n);
            if (lp <= observed + 1e-9) p += Math.exp(lp);
        }
        return Math.min(1, p);
    }

    /** A categorical feature compared across two samples, the value whose share differs most. */
    record CategoryResult(double p, String value, int countA, int countB) {
    }

    /**
     * Fisher's test for every value seen (value vs anything else, sample a vs b); the smallest p,
     * Bonferroni-corrected for the number of values tested.
     */
    static CategoryResult categories(List<String> a, List<String> b) {
        Set<String> values = new LinkedHashSet<>(a);
        values.addAll(b);
        CategoryResult best = new CategoryResult(1, values.isEmpty() ? "" : values.iterator().next(), a.size(), b.size());
        if (values.size() < 2) return best;
        for (String v : values) {
            int inA = (int) a.stream().filter(v::equals).count();
            int inB = (int) b.stream().filter(v::equals).count();
            double p = Math.min(1, fisherExact(inA, a.size() - inA, inB, b.size() - inB) * values.size());
            if (p < best.p()) best = new CategoryResult(p, v, inA, inB);
        }
        return best;
    }

    /**
     * The smallest shift between two latency samples that a Mann-Whitney test at {@code alpha} would
     * detect with probability {@code power}: the t-test's detectable effect for the pooled robust spread
     * (1.4826 x median absolute deviation), inflated by Mann-Whitney's efficiency.
     */
    static double detectableShift(double[] a, double[] b, double alpha, double power) {
        // latencies are whole milliseconds: a spread below the resolution is not a spread of zero
        double sigma = Math.max(0.5, Math.sqrt((Math.pow(robustSigma(a), 2) + Math.pow(robustSigma(b), 2)) / 2));
        double nHarmonic = 2.0 / (1.0 / a.length + 1.0 / b.length);
        double z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
        return z * sigma * Math.sqrt(2 / (nHarmonic * MWU_EFFICIENCY));
    }

    static double robustSigma(double[] x) {
        double m = median(x);
        double[] dev = new double[x.length];
        for (int i = 0; i < x.length; i++) dev[i] = Math.abs(x[i] - m);
        return 1.4826 * median(dev);
    }

    static double median(double[] x) {
        if (x.length == 0) return Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    private static double logHypergeometric(int x, int row1, int col1, int n) {
        return logChoose(col1, x) + logChoose(n - col1, row1 - x) - logChoose(n, row1);
    }

    private static double logChoose(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) s += Math.log(i);
        return s;
    }

    /** P(Z > z) for a standard normal Z (Abramowitz-Stegun 7.1.26 via erfc, |error| < 1.5e-7). */
    static double upperTail(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return z >= 0 ? erfc / 2 : 1 - erfc / 2;
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
    static double normalQuantile(double p) {
        if (p <= 0 || p >= 1) throw new IllegalArgumentException("p must be in (0, 1): " + p);
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) return -normalQuantile(1 - p);
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
