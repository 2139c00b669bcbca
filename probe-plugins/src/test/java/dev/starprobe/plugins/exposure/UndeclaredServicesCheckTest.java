package dev.starprobe.plugins.exposure;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.model.DeviceDeclaration;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Transport;
import dev.starprobe.net.HostNoise;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.NetSettings;
import dev.starprobe.policy.DeclarationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented example declaration against the lab cameras, scanned on every TCP port. */
class UndeclaredServicesCheckTest {
    static final Path EXAMPLE = Path.of("../docs/examples/declaration-camera.yaml");

    private static List<Finding> findings(DeviceResult d) {
        return d.findings().stream().filter(f -> f.checkId().equals("exposure.undeclared-services")).toList();
    }

    @Test
    void undeclaredTelnetFailsAndTheDeclaredCameraPasses(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera(), new HardenedCamera()))) {
            ScanReport r = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.parse("all"))
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                    .withNet(NetSettings.defaults().withPerDevice(32, 0))
                    .withDeclaration(withHostNoise(DeclarationFile.load(EXAMPLE))));
            DeviceResult weak = r.devices().stream().filter(d -> d.device().address().equals(lab.address("camera-weak"))).findFirst().orElseThrow();
            DeviceResult hardened = r.devices().stream().filter(d -> d.device().address().equals(lab.address("camera-hardened"))).findFirst().orElseThrow();

            List<Finding> weakFails = findings(weak).stream().filter(f -> f.verdict() == Verdict.FAIL).toList();
            assertEquals(1, weakFails.size(), findings(weak).toString());
            assertEquals(23, weakFails.get(0).service().port());
            assertTrue(Files.exists(out.resolve(weakFails.get(0).evidence().get(0).path())));

            List<Finding> ok = findings(hardened);
            assertEquals(1, ok.size(), ok.toString());
            assertEquals(Verdict.PASS, ok.get(0).verdict());
        }
    }

    /** The host's own wildcard listeners answer on the lab's addresses too; they are declared as the environment. */
    private static DeviceDeclaration withHostNoise(DeviceDeclaration d) {
        List<DeviceDeclaration.DeclaredService> all = new java.util.ArrayList<>(d.services());
        for (int p : HostNoise.wildcardTcpPorts()) all.add(new DeviceDeclaration.DeclaredService(Transport.TCP, p, null, "host environment"));
        return new DeviceDeclaration(d.source(), d.model(), d.firmware(), all);
    }

    @Test
    void withoutADeclarationTheCheckSaysWhyItDidNotRun(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedCamera()))) {
            ScanReport r = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.of(80, 443))
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(out));
            var exec = r.devices().get(0).executions().stream()
                    .filter(e -> e.checkId().equals("exposure.undeclared-services")).findFirst().orElseThrow();
            assertEquals(ExecutionStatus.SKIPPED, exec.status());
            assertTrue(exec.detail().contains("--declaration"));
        }
    }

    @Test
    void malformedDeclarationsAreClearErrors(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("d.yaml");
        Files.writeString(bad, "services:\n  - {port: 99999}\n");
        var e = assertThrows(IllegalArgumentException.class, () -> DeclarationFile.load(bad));
        assertTrue(e.getMessage().contains("d.yaml") && e.getMessage().contains("#1"), e.getMessage());
        Files.writeString(bad, "services: [ {port: 1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeclarationFile.load(bad)).getMessage().contains("YAML"));
        assertThrows(IllegalArgumentException.class, () -> DeclarationFile.load(tmp.resolve("missing.yaml")));
    }
}
