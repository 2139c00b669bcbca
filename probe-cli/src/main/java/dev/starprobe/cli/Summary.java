package dev.starprobe.cli;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.RequirementRollup;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.starprobe.report.PlainText.safe;

/**
 * The short terminal summary printed at the end of every run. The STAR-1 line per device comes from
 * the same {@link RequirementRollup} as the HTML and JUnit reports, so the three never disagree.
 */
final class Summary {
    private Summary() {
    }

    static void print(ScanReport report, PrintWriter out) {
        RequirementRollup rollup = new RequirementRollup(RequirementCatalogue.builtIn());
        out.println();
        out.printf("StarProbe %s — %d device(s), %d ms%n", report.tool().get("version"), report.devices().size(),
                report.stageMillis().getOrDefault("total", 0L));
        Map<Verdict, Integer> total = new EnumMap<>(Verdict.class);
        for (DeviceResult d : report.devices()) {
            var c = d.classification();
            out.printf("%n%s%s  %s (%.2f)%s  recommended %s%n", d.device().address().getHostAddress(),
                    d.inventory() == null ? "" : " " + safe(d.inventory().name())
                            + (d.inventory().firmware() == null ? "" : " fw " + safe(d.inventory().firmware())),
                    c.category(), c.confidence(), c.overridden() ? " (inventory)" : "", c.level());
            out.println("  services: " + (d.services().isEmpty() ? "none" : d.services().stream().map(Summary::service)
                    .collect(Collectors.joining(", "))));
            out.println("  STAR-1: " + starOne(rollup.of(d)));
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            for (Finding f : d.findings()) {
                counts.merge(f.verdict(), 1, Integer::sum);
                total.merge(f.verdict(), 1, Integer::sum);
                if (f.verdict() == Verdict.FAIL) {
                    out.printf("  FAIL %-28s %-8s %s%n", safe(f.checkId()), String.join(",", f.requirements().subList(0,
                            Math.min(1, f.requirements().size()))), safe(f.reason()));
                }
            }
            long errors = d.executions().stream().filter(e -> e.status() == ExecutionStatus.ERROR
                    || e.status() == ExecutionStatus.TIMED_OUT).count();
            out.printf("  findings: %s%s%n", counts.isEmpty() ? "none" : counts, errors > 0 ? "; " + errors + " check run(s) errored or timed out" : "");
        }
        if (!report.scopeRefusals().isEmpty()) {
            out.printf("%nscope guard refused %d connection(s); see scopeRefusals in the report%n", report.scopeRefusals().size());
        }
        report.warnings().forEach(w -> out.println("warning: " + safe(w)));
        out.printf("%ntotal: %s%n", total.isEmpty() ? "no findings" : total);
        out.println("Not testable over the network (need the manufacturer's documents): "
                + rollup.catalogue().notNetworkTestable().stream().map(r -> r.id() + (r.known() ? "" : " (not mapped)"))
                .collect(Collectors.joining(", ")));
        out.println("Probe results support a manufacturer's JC-STAR self-declaration; they are not an IPA verdict.");
    }

    /** "FAIL 12 · ERROR 02 · INCONCLUSIVE 04 · PASS 01 · not tested 7" — worst first, item numbers only. */
    static String starOne(RequirementRollup.DeviceRollup r) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : List.of(Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.NOT_APPLICABLE)) {
            List<RequirementRollup.Row> rows = r.with(v);
            if (!rows.isEmpty()) parts.add(v + " " + rows.stream().map(x -> shortId(x.requirement().id())).collect(Collectors.joining(",")));
        }
        long untested = r.star1().stream().filter(x -> x.coverage() == RequirementRollup.Coverage.NOT_TESTED).count();
        if (untested > 0) parts.add("not tested " + untested);
        return String.join(" · ", parts);
    }

    private static String shortId(String id) {
        return id.substring(id.lastIndexOf('-') + 1);
    }

    private static String service(Service s) {
        return s.port() + "/" + s.transport().name().toLowerCase() + (s.protocol() == null ? "" : " " + safe(s.protocol()));
    }
}
