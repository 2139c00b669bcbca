package dev.starprobe.cli;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The short terminal summary printed at the end of every run. */
final class Summary {
    private Summary() {
    }

    static void print(ScanReport report, PrintWriter out) {
        out.println();
        out.printf("StarProbe %s — %d device(s), %d ms%n", report.tool().get("version"), report.devices().size(),
                report.stageMillis().getOrDefault("total", 0L));
        Map<Verdict, Integer> total = new EnumMap<>(Verdict.class);
        for (DeviceResult d : report.devices()) {
            var c = d.classification();
            out.printf("%n%s  %s (%.2f)  recommended %s%n", d.device().address().getHostAddress(), c.category(),
                    c.confidence(), c.level());
            out.println("  services: " + (d.services().isEmpty() ? "none" : d.services().stream().map(Summary::service)
                    .collect(Collectors.joining(", "))));
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            for (Finding f : d.findings()) {
                counts.merge(f.verdict(), 1, Integer::sum);
                total.merge(f.verdict(), 1, Integer::sum);
                if (f.verdict() == Verdict.FAIL) {
                    out.printf("  FAIL %-28s %-8s %s%n", f.checkId(), String.join(",", f.requirements().subList(0,
                            Math.min(1, f.requirements().size()))), f.reason());
                }
            }
            long errors = d.executions().stream().filter(e -> e.status() == ExecutionStatus.ERROR
                    || e.status() == ExecutionStatus.TIMED_OUT).count();
            out.printf("  findings: %s%s%n", counts.isEmpty() ? "none" : counts, errors > 0 ? "; " + errors + " check run(s) errored or timed out" : "");
        }
        if (!report.scopeRefusals().isEmpty()) {
            out.printf("%nscope guard refused %d connection(s); see scopeRefusals in the report%n", report.scopeRefusals().size());
        }
        report.warnings().forEach(w -> out.println("warning: " + w));
        out.printf("%ntotal: %s%n", total.isEmpty() ? "no findings" : total);
        out.println("Probe results support a manufacturer's JC-STAR self-declaration; they are not an IPA verdict.");
    }

    private static String service(Service s) {
        return s.port() + "/" + s.transport().name().toLowerCase() + (s.protocol() == null ? "" : " " + s.protocol());
    }
}
