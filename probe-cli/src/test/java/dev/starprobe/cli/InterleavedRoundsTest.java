package dev.starprobe.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounds of several scanners alternate, the warm-up is not counted, and a scanner that fails drops out with its reason. */
class InterleavedRoundsTest {
    private final List<String> calls = new ArrayList<>();

    private Contender fixed(String name, double seconds, List<Integer> open) {
        return new Contender() {
            public String name() {
                return name;
            }

            public Trial run() {
                calls.add(name);
                return new Trial(seconds, open, "", null);
            }
        };
    }

    private Contender failingOnCall(String name, int failingCall) {
        return new Contender() {
            int n;

            public String name() {
                return name;
            }

            public Trial run() throws Exception {
                calls.add(name);
                if (++n == failingCall) throw new Nmap.RunException("nmap exited with 1: boom");
                return new Trial(1.0, List.of(80), "", null);
            }
        };
    }

    @Test
    void roundsAlternateBetweenScannersAndOnlyMeasuredRoundsCount() throws Exception {
        StringWriter sw = new StringWriter();
        var outcomes = InterleavedRounds.run(List.of(fixed("A", 2.0, List.of(22)), fixed("B", 1.0, List.of(22))), 2, 100,
                new PrintWriter(sw, true));

        assertEquals(List.of("A", "B", "A", "B", "A", "B"), calls);
        assertEquals(List.of(2.0, 2.0), outcomes.get(0).times(), "the warm-up is not a measured round");
        assertEquals(List.of(List.of(22), List.of(22)), outcomes.get(1).opens());
        assertNull(outcomes.get(0).failure());
        assertTrue(sw.toString().startsWith("warm-up A: 2.000 s, 50 ports/s, open 1 [22]\nwarm-up B: 1.000 s, 100 ports/s"), sw.toString());
    }

    @Test
    void aScannerThatFailsIsDroppedWithItsReasonAndTheOthersGoOn() throws Exception {
        StringWriter sw = new StringWriter();
        var outcomes = InterleavedRounds.run(List.of(fixed("A", 1.0, List.of(80)), failingOnCall("B", 2)), 3, 10,
                new PrintWriter(sw, true));

        assertEquals(List.of("A", "B", "A", "B", "A", "A"), calls, "B is not asked again after failing in round 1");
        assertEquals(3, outcomes.get(0).times().size());
        assertEquals(List.of(), outcomes.get(1).times());
        assertEquals("nmap exited with 1: boom", outcomes.get(1).failure());
        assertTrue(sw.toString().contains("round 1 B: failed: nmap exited with 1: boom"), sw.toString());

        StringWriter verdict = new StringWriter();
        assertEquals(false, NmapComparison.print(outcomes.get(0), outcomes.subList(1, 2), new PrintWriter(verdict, true)));
        assertEquals("vs B: nmap comparison failed: nmap exited with 1: boom\n", verdict.toString());
    }

    @Test
    void theVerdictQuotesTheRatioOfMediansAndFailsOnAnyRoundWithOtherOpenPorts() throws Exception {
        Contender flaky = new Contender() {
            int n;

            public String name() {
                return "nmap -T3";
            }

            public Trial run() {
                return new Trial(0.5, ++n == 3 ? List.of(22) : List.of(22, 80), "", null);
            }
        };
        var outcomes = InterleavedRounds.run(List.of(fixed("StarProbe", 1.0, List.of(22, 80)), flaky), 3, 10,
                new PrintWriter(new StringWriter()));
        StringWriter verdict = new StringWriter();

        assertEquals(false, NmapComparison.print(outcomes.get(0), outcomes.subList(1, 2), new PrintWriter(verdict, true)));
        assertEquals("vs nmap -T3: 3 round(s), median 0.500 s, min 0.500 s, max 0.500 s; ratio StarProbe/nmap 2.00 (nmap faster); "
                + "same open ports as StarProbe: NO (nmap round 2): only StarProbe found [80], only nmap found []\n", verdict.toString());
    }
}
