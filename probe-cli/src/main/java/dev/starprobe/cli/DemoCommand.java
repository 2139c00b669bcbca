package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The main job out of the box: start the built-in simulated device farm on loopback (each device on
 * its own 127.77.x.y address) and scan it with the normal pipeline, scope limited to the lab.
 */
@Command(name = "demo", description = "Start the built-in simulated device lab on loopback, scan it and write the report.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--devices", split = ",", description = "Lab devices to start (default: all of them).")
    List<String> devices;

    @Mixin
    ScanOptionsMixin options;

    @Mixin
    CaptureOptions capture;

    @Override
    public Integer call() throws Exception {
        List<SimulatedDevice> chosen = devices == null || devices.isEmpty() ? BuiltInLab.all() : BuiltInLab.byName(devices);
        PrintWriter out = spec.commandLine().getOut();
        Probe probe = Probe.load(options.plugins);
        try (Lab lab = Lab.start(chosen)) {
            out.println("simulated lab on loopback (scope " + lab.scopeCidr() + "):");
            for (SimulatedDevice d : lab.devices()) {
                out.printf("  %-22s %-15s %s, ground truth %s%n", d.name(), lab.address(d.name()).getHostAddress(),
                        d.truth().category(), d.truth().level());
            }
            ScanRequest req = options.request(lab.targets(), List.of(lab.scopeCidr()), false);
            List<java.net.InetAddress> addresses = lab.devices().stream().map(d -> lab.address(d.name())).toList();
            CaptureOptions.Decision decision = capture.decide(new dev.starprobe.evidence.pcap.PcapCaptureFactory(), addresses);
            if (decision instanceof CaptureOptions.Decision.Refuse refuse) {
                spec.commandLine().getErr().println("starprobe: " + refuse.message());
                return Main.USAGE;
            }
            ScanHooks hooks = new ScanHooks(DeviceSetup.NONE, ((CaptureOptions.Decision.Capture) decision).capture());
            return ScanCommand.runScan(probe, req, hooks, java.util.function.UnaryOperator.identity(), spec.commandLine(),
                    options.noProgress, null, options.maxScanTime());
        }
    }
}
