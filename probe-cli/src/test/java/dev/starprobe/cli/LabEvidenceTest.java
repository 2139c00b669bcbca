package dev.starprobe.cli;

import dev.starprobe.evidence.EvidenceVerifier;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.report.JsonReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.Packet;

import java.io.EOFException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bar for evidence, on the built-in lab: every finding produced against the weak and
 * hardened fixtures points at stored evidence whose hash matches the manifest, and each device's
 * capture holds that device's packets in both directions.
 */
class LabEvidenceTest {

    @Test
    void everyFindingAgainstTheLabHasVerifiableEvidenceAndEachCaptureHoldsItsDevice(@TempDir Path out) throws Exception {
        List<SimulatedDevice> devices = new ArrayList<>(BuiltInLab.weak());
        devices.addAll(BuiltInLab.hardened());
        try (Lab lab = Lab.start(devices)) {
            EvidenceEndToEndTest.assumeCapture(lab.targets().get(0));
            List<String> args = new ArrayList<>(List.of("scan"));
            args.addAll(lab.targets());
            args.addAll(List.of("--scope", lab.scopeCidr(), "-o", out.toString(), "--no-progress", "--max-per-device", "8",
                    "--rate-per-device", "0"));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(Main.FAILED, r.exit(), r.err());

            ScanReport report = JsonReport.read(out.resolve("report.json"));
            assertEquals(devices.size(), report.devices().size());
            assertEquals(List.of(), new EvidenceVerifier().verify(report, out));
            int findings = 0;
            for (DeviceResult d : report.devices()) {
                for (Finding f : d.findings()) {
                    findings++;
                    EvidenceRef pcap = f.evidence().stream().filter(e -> e.kind().equals("pcap")).findFirst().orElseThrow(
                            () -> new AssertionError(d.device().address() + " " + f.checkId() + " has no capture reference"));
                    if (pcap.path() == null && pcap.note().startsWith("no traffic of its own")) {
                        // cross-device comparisons send nothing; their own stored evidence must exist
                        assertTrue(f.evidence().stream().anyMatch(e -> e.path() != null && e.sha256() != null), f.toString());
                        continue;
                    }
                    assertNotNull(pcap.path(), pcap.note());
                    assertNotNull(pcap.range(), d.device().address() + " " + f.checkId() + ": " + pcap.note());
                }
                if (d.findings().isEmpty()) continue;
                int[] dirs = directions(out.resolve(d.findings().get(0).evidence().stream()
                        .filter(e -> e.kind().equals("pcap")).findFirst().orElseThrow().path()), d.device().address());
                assertTrue(dirs[0] > 0 && dirs[1] > 0, d.device().address() + " to/from: " + dirs[0] + "/" + dirs[1]);
                assertEquals(0, dirs[2], d.device().address() + ": packets of other hosts in its capture");
            }
            assertTrue(findings > 0 && report.hasFail(), "the weak fixtures produce FAILs, whose evidence this test is about");
        }
    }

    /** Packets to the device, from the device, and neither (which must not be there). */
    private static int[] directions(Path pcap, InetAddress device) throws Exception {
        int[] n = new int[3];
        PcapHandle h = Pcaps.openOffline(pcap.toString());
        try {
            while (true) {
                Packet p;
                try {
                    p = h.getNextPacketEx();
                } catch (EOFException eof) {
                    break;
                } catch (TimeoutException t) {
                    continue;
                }
                IpV4Packet ip = p.get(IpV4Packet.class);
                if (ip == null) continue;
                if (ip.getHeader().getDstAddr().equals(device)) n[0]++;
                else if (ip.getHeader().getSrcAddr().equals(device)) n[1]++;
                else n[2]++;
            }
        } finally {
            h.close();
        }
        return n;
    }
}
