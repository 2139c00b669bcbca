package dev.starprobe.plugins.tls;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.Profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Scans through the real engine and stock plugins, and reads the results back. */
final class TlsScans {
    static final Probe PROBE = Probe.load(null);

    private TlsScans() {
    }

    static ScanReport scan(List<String> hosts, int[] ports, Path out, Map<String, String> settings) {
        ScanRequest req = ScanRequest.of(hosts, PortSpec.of(ports)).withOutDir(out).withSettings(settings);
        return PROBE.scan(req);
    }

    static DeviceResult scan(String host, int port, Path out) {
        return dump(scan(List.of(host), new int[]{port}, out, Map.of()).devices().get(0));
    }

    static DeviceResult scan(String host, int port, Path out, Map<String, String> settings) {
        return dump(scan(List.of(host), new int[]{port}, out, settings).devices().get(0));
    }

    /** Prints what a scan concluded (to the surefire output file), so a reader can see real reasons. */
    static DeviceResult dump(DeviceResult d) {
        System.out.println("== " + d.device().address().getHostAddress() + " services " + d.services());
        for (ExecutionRecord e : d.executions()) {
            if (e.checkId().startsWith("tls.") || e.checkId().startsWith("dtls.") || e.checkId().startsWith("cleartext.alternative")) {
                System.out.println("   exec " + e.checkId() + " " + e.service() + " " + e.status() + " " + e.elapsedMillis() + " ms"
                        + (e.detail() == null ? "" : " - " + e.detail()));
            }
        }
        for (Finding f : d.findings()) {
            if (f.checkId().startsWith("tls.") || f.checkId().startsWith("dtls.") || f.checkId().startsWith("cleartext.alternative")) {
                System.out.println("   " + f.verdict() + " " + f.severity() + " [" + f.checkId() + "] " + f.title() + " :: " + f.reason());
            }
        }
        return d;
    }

    static List<Finding> findings(DeviceResult d, String check) {
        return d.findings().stream().filter(f -> f.checkId().equals(check)).toList();
    }

    /** The check's overall verdict: the worst of its findings. */
    static Verdict verdict(DeviceResult d, String check) {
        List<Finding> fs = findings(d, check);
        if (fs.isEmpty()) throw new AssertionError("no finding of " + check + "; executions " + execution(d, check));
        return fs.stream().map(Finding::verdict).reduce(Verdict.NOT_APPLICABLE, Verdict::worst);
    }

    static Finding rule(DeviceResult d, String check, String ruleId) {
        return findings(d, check).stream().filter(f -> f.title() != null && f.title().startsWith(ruleId + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for rule " + ruleId + " of " + check + " in " + findings(d, check)));
    }

    static boolean hasRule(DeviceResult d, String check, String ruleId) {
        return findings(d, check).stream().anyMatch(f -> f.title() != null && f.title().startsWith(ruleId + ":"));
    }

    static ExecutionRecord execution(DeviceResult d, String check) {
        return d.executions().stream().filter(e -> e.checkId().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no execution of " + check + " in " + d.executions()));
    }
}
