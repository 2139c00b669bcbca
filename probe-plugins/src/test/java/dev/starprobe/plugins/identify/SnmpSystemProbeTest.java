package dev.starprobe.plugins.identify;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.SnmpSystemGroup;
import dev.starprobe.policy.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SNMP system group read during a targeted scan, only where the agent already accepted "public". */
class SnmpSystemProbeTest {
    private static final Profile IDENTIFY_ONLY = new Profile("identify-only", "identification only", List.of(), List.of());

    private static Service snmp(Lab lab, String name, Path out) {
        DeviceResult d = Probe.load(null).scan(ScanRequest.of(List.of(lab.address(name).getHostAddress()), PortSpec.parse("80"))
                .withUdpPorts(PortSpec.parse("161")).withProfile(IDENTIFY_ONLY)
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)).devices().get(0);
        return d.services().stream().filter(s -> s.port() == 161).findFirst()
                .orElseThrow(() -> new AssertionError("no SNMP service in " + d.services()));
    }

    @Test
    void anAgentAnsweringPublicDescribesItself(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakRouter()))) {
            Service s = snmp(lab, WeakRouter.NAME, out);
            assertEquals(WeakRouter.SYS_DESCR, s.attributes().get(SnmpSystemGroup.KEY_DESCR), s.attributes().toString());
            assertEquals("public", s.attributes().get(SnmpSystemGroup.KEY_COMMUNITY));
        }
    }

    @Test
    void aV3OnlyAgentIsNotAskedWithACommunity(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedRouter()))) {
            Service s = snmp(lab, HardenedRouter.NAME, out);
            assertFalse(s.attributes().containsKey(SnmpSystemGroup.KEY_DESCR), s.attributes().toString());
            assertTrue(s.attributes().get("udp.probe").contains("v3"), s.attributes().toString());
        }
    }

    @Test
    void aReplyToAnotherRequestOrGarbageIsIgnored() {
        byte[] req = SnmpSystemGroup.request(42);
        assertTrue(SnmpSystemGroup.read(req, 42).isEmpty(), "a GetRequest is not a response");
        assertTrue(SnmpSystemGroup.read(new byte[] {0x30, 0x7f, 0x02}, 42).isEmpty());
    }
}
