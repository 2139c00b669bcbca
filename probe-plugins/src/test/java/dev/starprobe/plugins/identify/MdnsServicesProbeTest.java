package dev.starprobe.plugins.identify;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.model.Category;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Service;
import dev.starprobe.model.StarLevel;
import dev.starprobe.plugins.discovery.DnsSd;
import dev.starprobe.policy.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device's own mDNS responder, asked by unicast on UDP 5353 during a targeted scan (no multicast, no
 * discovery): what it advertises becomes attributes under the discovery hint keys and feeds the category
 * and level of a device whose other services are all behind TLS and credentials.
 */
class MdnsServicesProbeTest {
    private static final Profile IDENTIFY_ONLY = new Profile("identify-only", "identification only", List.of(), List.of());

    private static DeviceResult scan(Lab lab, String name, Path out) {
        return Probe.load(null).scan(ScanRequest.of(List.of(lab.address(name).getHostAddress()), PortSpec.parse("443"))
                .withUdpPorts(PortSpec.parse("5353")).withProfile(IDENTIFY_ONLY)
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)).devices().get(0);
    }

    private static Service mdns(DeviceResult d) {
        return d.services().stream().filter(s -> s.port() == 5353 && "mdns".equals(s.protocol())).findFirst()
                .orElseThrow(() -> new AssertionError("no mDNS service in " + d.services()));
    }

    @Test
    void aLockedDownWatchStillSaysWhatItIsToItsCompanionApp(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedWearable()))) {
            DeviceResult d = scan(lab, HardenedWearable.NAME, out);
            Service s = mdns(d);
            assertEquals("_https._tcp", s.attributes().get(DnsSd.HINT_SERVICE), s.attributes().toString());
            assertTrue(s.attributes().get(DnsSd.HINT_INSTANCE).contains("Smartwatch"), s.attributes().toString());
            assertEquals("HB5", s.attributes().get(DnsSd.HINT_MODEL));
            assertEquals(Category.WEARABLE, d.classification().category(), d.classification().evidence().toString());
            assertEquals(StarLevel.STAR_2, d.classification().level(), d.classification().levelReasons().toString());
            assertTrue(d.classification().evidence().stream().anyMatch(e -> e.contains("[5353/udp mdns]")),
                    "the evidence names the service it came from: " + d.classification().evidence());
        }
    }

    @Test
    void aLockNamedSoIsRaisedForPhysicalAccess(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedSmartLock()))) {
            DeviceResult d = scan(lab, HardenedSmartLock.NAME, out);
            assertTrue(mdns(d).attributes().get(DnsSd.HINT_INSTANCE).contains("Smart Lock"));
            assertEquals(StarLevel.STAR_2, d.classification().level(), d.classification().levelReasons().toString());
            assertTrue(d.classification().levelReasons().stream().anyMatch(r -> r.contains("physical access")),
                    d.classification().levelReasons().toString());
        }
    }

    @Test
    void garbageAndTruncatedRepliesSayNothing() {
        byte[] truncated = java.util.HexFormat.of().parseHex("0000840000000001");
        byte[] text = "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] loop = java.util.HexFormat.of().parseHex("000084000000000100000000c00c000c0001000000780002c00c");
        assertTrue(DnsSd.summarize(List.of(truncated, text, loop, new byte[0])).isEmpty());
        assertTrue(DnsSd.serviceTypes(List.of(truncated, text, loop)).isEmpty());
    }
}
