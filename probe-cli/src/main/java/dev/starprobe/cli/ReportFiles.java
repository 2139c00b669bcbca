package dev.starprobe.cli;

import dev.starprobe.model.ScanReport;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.JUnitReport;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.RequirementRollup;
import dev.starprobe.report.html.HtmlReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The files a scan leaves in its report directory: the canonical JSON and its HTML and JUnit renderings. */
final class ReportFiles {
    private ReportFiles() {
    }

    static List<Path> write(ScanReport report, Path dir) {
        RequirementRollup rollup = new RequirementRollup(RequirementCatalogue.builtIn());
        try {
            Path json = JsonReport.write(report, dir);
            Path html = new HtmlReport(rollup).write(report, dir.resolve(HtmlReport.FILE_NAME), "");
            Path junit = new JUnitReport(rollup).write(report, dir.resolve(JUnitReport.FILE_NAME));
            return List.of(json, html, junit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }
}
