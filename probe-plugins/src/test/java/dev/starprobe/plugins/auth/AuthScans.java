package dev.starprobe.plugins.auth;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scans of one lab device for the auth tests, and what they look at in the report. */
final class AuthScans {
    static final Probe PROBE = Probe.load(null);

    private AuthScans() {
    }

    /**
     * @param tcp         TCP ports ("" for none)
     * @param udp         UDP ports, or null
     * @param checks      the check ids to run (plus identification), or empty for every check
     * @param credentials named valid credentials for the device
     */
    static DeviceResult scan(Lab lab, String device, String tcp, String udp, List<String> checks, Map<String, String> settings,
                             Map<String, ScanOptions.Credential> credentials, Path out) {
        ScanRequest r = ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse(tcp.isEmpty() ? "1" : tcp))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                .withOptions(new ScanOptions(Set.of(Safety.values()), credentials, Duration.ofSeconds(5), settings))
                .withCheckTimeout(Duration.ofSeconds(120));
        if (udp != null) r = r.withUdpPorts(PortSpec.parse(udp));
        if (!checks.isEmpty()) r = r.withProfile(new Profile("auth-test", "the checks under test", checks, List.of()));
        return PROBE.scan(r).devices().get(0);
    }

    /** The findings of {@code checkId} on {@code port}. */
    static List<Finding> at(DeviceResult d, String checkId, int port) {
        List<Finding> fs = d.findings().stream().filter(f -> f.checkId().equals(checkId) && f.service() != null
                && f.service().port() == port).toList();
        if (fs.isEmpty()) {
            throw new AssertionError("no " + checkId + " finding on " + port + "; executions "
                    + d.executions().stream().filter(e -> e.checkId().equals(checkId)).toList() + "; services " + d.services());
        }
        return fs;
    }

    /** The one finding of {@code checkId} on {@code port} whose reason starts with {@code surface}. */
    static Finding on(DeviceResult d, String checkId, int port, String surface) {
        List<Finding> fs = at(d, checkId, port);
        return fs.stream().filter(f -> f.reason().startsWith(surface)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + checkId + " finding for '" + surface + "' on " + port + ": " + fs));
    }

    /** The "Attempts made: N" of a finding. */
    static int attempts(Finding f) {
        Matcher m = Pattern.compile("Attempts made: (\\d+)").matcher(f.reason());
        if (!m.find()) throw new AssertionError("no attempt count in: " + f.reason());
        return Integer.parseInt(m.group(1));
    }

    /** Attempts the findings of the login checks report on {@code port}. */
    static int reportedAttempts(DeviceResult d, int port) {
        return d.findings().stream().filter(f -> f.service() != null && f.service().port() == port)
                .filter(f -> f.checkId().equals(DefaultCredentialsCheck.ID) || f.checkId().equals(BruteForceCheck.ID))
                .mapToInt(AuthScans::attempts).sum();
    }
}
