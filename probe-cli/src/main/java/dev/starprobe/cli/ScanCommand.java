package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.engine.ScanControl;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "scan", description = "Scan devices (addresses, CIDRs or host names) and write the report.")
final class ScanCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for checks in flight to end and the report to be written. */
    static final long SHUTDOWN_GRACE_SECONDS = 20;

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

    @Option(names = "--discover", description = "Discover before the port scan (MAC, names, hints; a swept network is narrowed to what answered). Implied by --interface.")
    boolean discover;

    @Mixin
    DiscoveryOptions discovery;

    @Override
    public Integer call() {
        ScanRequest req = options.request(targets, scope, allowPublic);
        Probe probe = Probe.load(options.plugins);
        return runScan(probe, req, spec.commandLine(), options.noProgress,
                discover || discovery.iface != null ? discovery.plan() : null);
    }

    /** Runs the scan, writes the reports, prints the summary and returns the exit code. */
    static int runScan(Probe probe, ScanRequest req, CommandLine cl, boolean noProgress) {
        return runScan(probe, req, cl, noProgress, null);
    }

    /** @param plan discovery to run before the port scan, or null */
    static int runScan(Probe probe, ScanRequest req, CommandLine cl, boolean noProgress,
                       dev.starprobe.engine.DiscoveryPlan plan) {
        ScanControl control = new ScanControl();
        CountDownLatch written = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: stop starting new work, and let the report of what ran be written
        Thread hook = new Thread(() -> {
            control.cancel();
            try {
                written.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "starprobe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ScanReport report;
            try (TerminalProgress progress = TerminalProgress.create(cl.getErr(), noProgress)) {
                report = probe.scan(req.withProgress(progress), control, plan);
            }
            Path file;
            try {
                file = JsonReport.write(report, req.outDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report into " + req.outDir(), e);
            }
            Summary.print(report, cl.getOut());
            cl.getOut().println("report: " + file.toAbsolutePath());
            return report.hasFail() ? Main.FAILED : Main.OK;
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for the latch released above
            }
        }
    }
}
