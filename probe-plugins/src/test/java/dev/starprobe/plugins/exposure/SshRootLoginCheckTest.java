package dev.starprobe.plugins.exposure;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedGateway;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshRootLoginCheckTest {
    private static Finding finding(DeviceResult d) {
        List<Finding> f = d.findings().stream().filter(x -> x.checkId().equals(SshRootLoginCheck.ID)).toList();
        assertEquals(1, f.size(), f + " " + d.executions().stream().filter(x -> x.checkId().equals(SshRootLoginCheck.ID)).toList());
        return f.get(0);
    }

    private static DeviceResult device(ScanReport r, Lab lab, String name) {
        return r.devices().stream().filter(x -> x.device().address().equals(lab.address(name))).findFirst().orElseThrow();
    }

    @Test
    void theNoneMethodDecidesWithoutAnyPasswordSent(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakRouter(), new HardenedGateway(), new HardenedRouter()))) {
            ScanReport r = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.of(22))
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(out));

            Finding blankRoot = finding(device(r, lab, WeakRouter.NAME));
            assertEquals(Verdict.FAIL, blankRoot.verdict(), blankRoot.reason());
            assertTrue(blankRoot.reason().contains("'none' method") && blankRoot.requirements().contains("S1.1-01"), blankRoot.reason());

            Finding keysOnly = finding(device(r, lab, HardenedGateway.NAME));
            assertEquals(Verdict.PASS, keysOnly.verdict(), keysOnly.reason());
            assertTrue(keysOnly.reason().contains("[publickey]"), keysOnly.reason());

            Finding passwordOffered = finding(device(r, lab, HardenedRouter.NAME));
            assertEquals(Verdict.INCONCLUSIVE, passwordOffered.verdict(), "root is refused there, but only a tried password shows it: "
                    + passwordOffered.reason());
            assertTrue(passwordOffered.reason().contains("[password]"), passwordOffered.reason());

            for (String name : List.of(WeakRouter.NAME, HardenedGateway.NAME, HardenedRouter.NAME)) {
                // the weak router's one "login" is the none request that let root in: no password, no key was ever sent
                long withCredential = lab.traffic(name).events(dev.starprobe.lab.TrafficLog.Kind.LOGIN_ATTEMPT).stream()
                        .filter(e -> !(name.equals(WeakRouter.NAME) && e.success())).count();
                assertEquals(0, withCredential, name + " saw a login attempt: " + lab.traffic(name).events());
            }
            assertTrue(blankRoot.evidence().stream().anyMatch(e -> "transcript".equals(e.kind()) && e.path() != null), blankRoot.evidence().toString());
        }
    }

    @Test
    void aServerThatStopsAfterItsBannerIsInconclusiveInBoundedTime(@TempDir Path out) throws Exception {
        try (var fake = new LoopbackServer("127.0.5.41", (s, o) -> {
            try {
                o.write("SSH-2.0-OpenSSH_8.0\r\n".getBytes(StandardCharsets.US_ASCII));
                o.write(new byte[]{0, 0, 0, 7, 0x13, 0x37, (byte) 0xff, 0, 1, 2, 3});
                o.flush();
                s.getInputStream().read(new byte[4096]);
                Thread.sleep(20_000);
            } catch (IOException | InterruptedException ignored) {
                // client went away
            }
        })) {
            long t0 = System.nanoTime();
            DeviceResult d = Probe.load(null).scan(ScanRequest.of(List.of("127.0.5.41"), PortSpec.of(fake.port())).withOutDir(out))
                    .devices().get(0);
            Finding f = finding(d);
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue((System.nanoTime() - t0) / 1_000_000_000 < 40, "bounded by the I/O timeout, not the server");
        }
    }
}
