package dev.starprobe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.starprobe.model.ScanReport;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.diff.DiffResult;
import dev.starprobe.report.diff.DiffText;
import dev.starprobe.report.diff.ReportDiff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, description = {"Compare two reports for nightly regression runs: new FAILs, fixed findings,",
        "changed services and certificates, per device identity and firmware.",
        "Exit 1 when something regressed (a new FAIL, a newly opened service, a device missing), 0 otherwise,",
        "2 when a report cannot be read."})
final class DiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The report to compare against (e.g. last night's).")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The new report.")
    Path current;

    @Option(names = "--json", description = "Print the diff as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        ScanReport before = read(baseline);
        ScanReport after = read(current);
        DiffResult r = new ReportDiff().diff(baseline.toString(), before, current.toString(), after);
        if (json) spec.commandLine().getOut().println(JsonReport.mapper().writeValueAsString(r));
        else DiffText.print(r, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return r.regressed() ? Main.FAILED : Main.OK;
    }

    /** Any unreadable input is a usage error naming the file (exit 2), never a stack trace. */
    static ScanReport read(Path file) {
        try {
            return JsonReport.read(file);
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new UserInputException(why.contains(file.toString()) ? why : file + " is not a readable StarProbe report: " + why);
        }
    }
}
