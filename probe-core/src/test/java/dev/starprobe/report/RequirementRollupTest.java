package dev.starprobe.report;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.RequirementCatalogue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.starprobe.report.ReportFixtures.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequirementRollupTest {
    private static final RequirementRollup ROLLUP = new RequirementRollup(RequirementCatalogue.builtIn());

    private static RequirementRollup.Row row(DeviceResult d, String id) {
        return ROLLUP.of(d).star1().stream().filter(r -> r.requirement().id().equals(id)).findFirst().orElseThrow();
    }

    private static DeviceResult with(Finding... fs) {
        DeviceResult base = ReportFixtures.silent();
        return base.withFindings(List.of(fs));
    }

    @Test
    void worstVerdictWinsInTheDocumentedOrder() {
        List<Verdict> order = List.of(Verdict.NOT_APPLICABLE, Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.ERROR, Verdict.FAIL);
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j <= i; j++) {
                DeviceResult d = with(finding("a", null, order.get(j), "x", "S1.1-12"), finding("b", null, order.get(i), "y", "S1.1-12"));
                assertEquals(order.get(i), row(d, "S1.1-12").verdict(), order.get(j) + " with " + order.get(i));
            }
        }
    }

    @Test
    void aFindingCitingOnlyAnEnProvisionCountsForTheStarItemMappedToIt() {
        DeviceResult d = with(finding("tls", null, Verdict.FAIL, "TLS 1.0", "EN-5.5-1"));
        RequirementRollup.Row r = row(d, "S1.1-12");
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(1, r.findings().size());
        assertTrue(ROLLUP.of(d).elsewhere().isEmpty());
    }

    @Test
    void findingsOutsideStarOneAreKeptNotDropped() {
        Finding debug = finding("ports.debug", null, Verdict.FAIL, "adb open", "EN-5.6-4");
        Finding none = finding("misc", null, Verdict.INCONCLUSIVE, "no requirement");
        assertEquals(List.of(debug, none), ROLLUP.of(with(debug, none)).elsewhere());
    }

    @Test
    void itemsWithoutFindingsSayWhyTheyHaveNoVerdict() {
        Map<String, RequirementRollup.Coverage> coverage = ROLLUP.of(with()).star1().stream()
                .collect(Collectors.toMap(r -> r.requirement().id(), RequirementRollup.Row::coverage));
        assertEquals(RequirementRollup.Coverage.NOT_TESTED, coverage.get("S1.1-04"));
        assertEquals(RequirementRollup.Coverage.NOT_NETWORK_TESTABLE, coverage.get("S1.1-07"));
        assertEquals(RequirementRollup.Coverage.NOT_NETWORK_TESTABLE, coverage.get("S1.1-16"));
        assertEquals(RequirementRollup.Coverage.NOT_MAPPED, coverage.get("S1.1-09"));
        assertEquals(16, coverage.size());
        assertNull(ROLLUP.of(with()).overall());
        assertEquals("not mapped (requirement text unknown)", row(with(), "S1.1-13").title());
    }

    @Test
    void deviceOverallIsTheWorstItem() {
        RequirementRollup.DeviceRollup r = ROLLUP.of(ReportFixtures.hostileCamera());
        assertEquals(Verdict.FAIL, r.overall());
        assertEquals(List.of("S1.1-12"), r.with(Verdict.FAIL).stream().map(x -> x.requirement().id()).toList());
        assertEquals(Verdict.ERROR, row(ReportFixtures.hostileCamera(), "S1.1-02").verdict());
        assertEquals(Verdict.PASS, row(ReportFixtures.hostileCamera(), "S1.1-01").verdict());
    }
}
