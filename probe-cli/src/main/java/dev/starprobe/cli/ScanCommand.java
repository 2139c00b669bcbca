package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.engine.ScanControl;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.engine.TargetResolver;
import dev.starprobe.evidence.CaptureFactory;
import dev.starprobe.evidence.Redactor;
import dev.starprobe.evidence.pcap.PcapCaptureFactory;
import dev.starprobe.inventory.InventoryRun;
import dev.starprobe.model.ScanReport;
import dev.starprobe.report.ReportRedaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

@Command(name = "scan", mixinStandardHelpOptions = true, description = {"Scan devices (addresses, CIDRs or host names, or an --inventory) and write",
        "report.json, report.html, junit.xml and evidence/ (with packet captures) into the report directory."})
final class ScanCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for checks in flight to end and the report to be written. */
    static final long SHUTDOWN_GRACE_SECONDS = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Device addresses, CIDRs or host names (or use --inventory).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--scope", split = ",", description = "CIDRs the probe may contact (default: exactly the targets).")
    List<String> scope = List.of();

    @Option(names = "--allow-public", description = "Allow publicly routable addresses (refused by default).")
    boolean allowPublic;

    @Mixin
    ScanOptionsMixin options;

    @Mixin
    InventoryOptions inventory;

    @Mixin
    CaptureOptions capture;

    /** Where captures come from; tests substitute one that fails like a machine without privileges. */
    CaptureFactory captures = new PcapCaptureFactory();

    @Option(names = "--discover", description = "Discover before the port scan (MAC, names, hints; a swept network is narrowed to what answered). Implied by --interface.")
    boolean discover;

    @Mixin
    DiscoveryOptions discovery;

    @Override
    public Integer call() {
        InventoryRun run = inventory.plan();
        if (run != null && !targets.isEmpty()) throw new UserInputException("give targets or --inventory, not both");
        if (run == null && targets.isEmpty()) throw new UserInputException("no targets given (addresses, CIDRs, host names, or --inventory FILE)");
        CommandLine cl = spec.commandLine();
        List<String> warnings = run == null ? List.of() : run.warnings();
        warnings.forEach(w -> cl.getErr().println("starprobe: warning: " + w));
        ScanRequest req = options.request(run == null ? targets : run.targets(), scope, allowPublic);
        if (req.targets().isEmpty()) {
            ScanReport empty = inventoried(EmptyReport.of(req, "shard " + run.shard() + " holds no device to scan"), run, warnings);
            return finish(empty, req.outDir(), cl);
        }
        // resolve before capturing: a bad target is a usage error whatever the privileges
        TargetResolver.Resolved resolved = new TargetResolver().resolve(req.targets(), req.scope(), req.allowPublic());
        CaptureOptions.Decision decision = capture.decide(captures, resolved.addresses());
        if (decision instanceof CaptureOptions.Decision.Refuse refuse) {
            cl.getErr().println("starprobe: " + refuse.message());
            return Main.USAGE;
        }
        DeviceSetup setup = run == null ? DeviceSetup.NONE : run.setup();
        ScanHooks hooks = new ScanHooks(setup, ((CaptureOptions.Decision.Capture) decision).capture());
        return runScan(Probe.load(options.plugins), req, hooks, r -> inventoried(r, run, warnings), cl, options.noProgress,
                discover || discovery.iface != null ? discovery.plan() : null, options.maxScanTime());
    }

    /** Records inventory and shard, and removes the inventory's secrets from every string of the report. */
    private static ScanReport inventoried(ScanReport report, InventoryRun run, List<String> warnings) {
        if (run == null) return report;
        List<String> shards = run.shard().count() == 1 ? List.of() : List.of(run.shard().toString());
        ScanReport r = report.withParameters(report.parameters().withInventory(run.inventory().sourceName(), shards))
                .withMoreWarnings(warnings);
        return new ReportRedaction(Redactor.of(run.setup().credentials())).apply(r);
    }

    /**
     * Runs the scan, writes the reports, prints the summary and returns the exit code. Ctrl-C or SIGTERM
     * stops starting new work, and the report of what ran is still written.
     *
     * @param finishing applied to the engine's report before it is written (inventory, redaction)
     * @param plan      discovery to run before the port scan, or null
     * @param maxTime   after this the scan is cancelled (nothing new starts, the report is written), or null
     */
    static int runScan(Probe probe, ScanRequest req, ScanHooks hooks, UnaryOperator<ScanReport> finishing,
                       CommandLine cl, boolean noProgress, dev.starprobe.engine.DiscoveryPlan plan, Duration maxTime) {
        ScanControl control = new ScanControl();
        // a nightly job's bound: cancelling is what Ctrl-C does, with the reason in the report
        java.util.concurrent.ScheduledExecutorService limit = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "starprobe-time-limit");
            t.setDaemon(true);
            return t;
        });
        if (maxTime != null) {
            limit.schedule(() -> control.cancel("scan time limit of " + maxTime.toSeconds() + " s reached"),
                    maxTime.toMillis(), TimeUnit.MILLISECONDS);
        }
        CountDownLatch written = new CountDownLatch(1);
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
                report = probe.scan(req.withProgress(progress), control, hooks, plan);
            }
            return finish(finishing.apply(report), req.outDir(), cl);
        } finally {
            limit.shutdownNow();
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for the latch released above
            }
        }
    }

    private static int finish(ScanReport report, Path dir, CommandLine cl) {
        List<Path> written = ReportFiles.write(report, dir);
        Summary.print(report, cl.getOut());
        cl.getOut().println("report: " + written.get(0).toAbsolutePath());
        cl.getOut().println("html:   " + written.get(1).toAbsolutePath());
        cl.getOut().println("junit:  " + written.get(2).toAbsolutePath());
        return report.hasFail() ? Main.FAILED : Main.OK;
    }
}
