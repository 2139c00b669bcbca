package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.ScanReport;
import dev.starprobe.report.JsonReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "scan", description = "Scan devices (addresses, CIDRs or host names) and write the report.")
final class ScanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Device addresses, CIDRs or host names.")
    List<String> targets;

    @Option(names = "--scope", split = ",", description = "CIDRs the probe may contact (default: exactly the targets).")
    List<String> scope = List.of();

    @Option(names = "--allow-public", description = "Allow publicly routable addresses (refused by default).")
    boolean allowPublic;

    @Mixin
    ScanOptionsMixin options;

    @Override
    public Integer call() {
        ScanRequest req = options.request(targets, scope, allowPublic);
        Probe probe = Probe.load(options.plugins);
        return runScan(probe, req, spec.commandLine(), options.noProgress);
    }

    /** Runs the scan, writes the reports, prints the summary and returns the exit code. */
    static int runScan(Probe probe, ScanRequest req, CommandLine cl, boolean noProgress) {
        ScanReport report;
        try (TerminalProgress progress = TerminalProgress.create(cl.getErr(), noProgress)) {
            report = probe.scan(req.withProgress(progress));
        }
        Path written;
        try {
            written = JsonReport.write(report, req.outDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + req.outDir(), e);
        }
        Summary.print(report, cl.getOut());
        cl.getOut().println("report: " + written.toAbsolutePath());
        return report.hasFail() ? Main.FAILED : Main.OK;
    }
}
