package dev.starprobe.plugins.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statistics behind auth.user-enumeration, on synthetic samples with fixed seeds. */
class TwoSampleTestsTest {
    private static final double ALPHA = 0.01 / 3;

    /** Latency-like noise: a base, Gaussian jitter and an occasional slow outlier (retransmission). */
    private static double[] latencies(Random r, int n, double base, double jitter) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = base + Math.abs(r.nextGaussian() * jitter) + (r.nextInt(12) == 0 ? 40 * r.nextDouble() : 0);
        return x;
    }

    @Test
    void identicalDistributionsAreRarelyCalledDifferent() {
        Random r = new Random(20240601L);
        int runs = 400;
        int rejected = 0;
        for (int i = 0; i < runs; i++) {
            if (TwoSampleTests.mannWhitney(latencies(r, 12, 20, 4), latencies(r, 12, 20, 4)).p() < ALPHA) rejected++;
        }
        // the false-positive rate must stay near alpha (0.0033): allow sampling error, not a broken test
        assertTrue(rejected <= runs * 0.015, rejected + " of " + runs + " identical pairs rejected");
    }

    @Test
    void aShiftOfThirtyMillisecondsIsFoundInTwelvePairs() {
        Random r = new Random(7L);
        int runs = 200;
        int found = 0;
        for (int i = 0; i < runs; i++) {
            var t = TwoSampleTests.mannWhitney(latencies(r, 12, 50, 4), latencies(r, 12, 20, 4));
            if (t.p() < ALPHA && t.shift() > 20) found++;
        }
        assertTrue(found >= runs * 0.95, "shift found in only " + found + " of " + runs);
    }

    @Test
    void mannWhitneyMatchesAHandComputedExample() {
        // a = {1,2,3}, b = {4,5,6}: U = 0; exact two-sided p = 2/20 = 0.1, normal approximation close to it
        var t = TwoSampleTests.mannWhitney(new double[]{1, 2, 3}, new double[]{4, 5, 6});
        assertEquals(0, t.u());
        assertEquals(-3, t.shift());
        assertTrue(t.p() > 0.05 && t.p() < 0.15, "p=" + t.p());
        var tied = TwoSampleTests.mannWhitney(new double[]{5, 5, 5, 5}, new double[]{5, 5, 5, 5});
        assertEquals(1, tied.p(), "all ties: no evidence at all");
    }

    @Test
    void fisherExactKnownValues() {
        // 12/12 vs 0/12: p = 2 / C(24,12)
        assertEquals(2 / 2704156.0, TwoSampleTests.fisherExact(12, 0, 0, 12), 1e-12);
        assertEquals(1, TwoSampleTests.fisherExact(6, 6, 6, 6), 1e-9);
        // Fisher's tea-tasting table {{3,1},{1,3}}: two-sided p = 0.4857
        assertEquals(0.4857, TwoSampleTests.fisherExact(3, 1, 1, 3), 1e-4);
    }

    @Test
    void categoriesFindADeterministicDifferenceAndIgnoreAShuffledOne() {
        List<String> a = Collections.nCopies(12, "Wrong password.");
        List<String> b = Collections.nCopies(12, "Unknown user name.");
        assertTrue(TwoSampleTests.categories(a, b).p() < 1e-5);
        Random r = new Random(11L);
        int rejected = 0;
        for (int run = 0; run < 300; run++) {
            List<String> x = new ArrayList<>();
            List<String> y = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                x.add(r.nextInt(4) == 0 ? "302" : "200"); // the same mix for both: e.g. an occasional redirect
                y.add(r.nextInt(4) == 0 ? "302" : "200");
            }
            if (TwoSampleTests.categories(x, y).p() < ALPHA) rejected++;
        }
        assertTrue(rejected <= 3, rejected + " of 300 identical mixes called different");
    }

    @Test
    void detectableShiftGrowsWithNoiseAndShrinksWithSamples() {
        Random r = new Random(3L);
        double quiet = TwoSampleTests.detectableShift(latencies(r, 12, 20, 2), latencies(r, 12, 20, 2), ALPHA, 0.8);
        double noisy = TwoSampleTests.detectableShift(latencies(r, 12, 20, 30), latencies(r, 12, 20, 30), ALPHA, 0.8);
        double many = TwoSampleTests.detectableShift(latencies(r, 40, 20, 30), latencies(r, 40, 20, 30), ALPHA, 0.8);
        assertTrue(quiet < 10, "quiet " + quiet);
        assertTrue(noisy > 25, "noisy " + noisy);
        assertTrue(many < noisy, many + " vs " + noisy);
    }

    @Test
    void normalHelpersAreAccurate() {
        assertEquals(1.959964, TwoSampleTests.normalQuantile(0.975), 1e-5);
        assertEquals(-2.326348, TwoSampleTests.normalQuantile(0.01), 1e-5);
        assertEquals(0.025, TwoSampleTests.upperTail(1.959964), 1e-6);
        assertEquals(0.5, TwoSampleTests.upperTail(0), 1e-6);
    }
}
