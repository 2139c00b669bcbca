package dev.starprobe.evidence.pcap;

import dev.starprobe.evidence.CaptureSettings;
import dev.starprobe.evidence.CaptureUnavailableException;
import dev.starprobe.evidence.EvidenceCapture;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.evidence.PcapRecords;
import dev.starprobe.evidence.Redactor;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ServiceRef;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real captures on the loopback interface (needs root or CAP_NET_RAW; skipped otherwise, with the reason). */
class PcapCaptureTest {

    static void assumeCaptureWorks(InetAddress a) {
        try {
            new PcapCaptureFactory().preflight(List.of(a));
        } catch (CaptureUnavailableException e) {
            assumeTrue(false, "packet capture unavailable on this machine: " + e.getMessage());
        }
    }

    /** A device result whose one finding came from a check that ran from {@code start} to {@code end}. */
    static DeviceResult result(InetAddress a, int port, Instant start, Instant end) {
        ServiceRef svc = new ServiceRef(Transport.TCP, port, "test");
        Finding f = new Finding("test.check", "t", List.of("S1.1-12"), Verdict.FAIL, Severity.HIGH, "r", svc, List.of());
        ExecutionRecord run = new ExecutionRecord("test.check", svc, ExecutionStatus.COMPLETED, null, null,
                Duration.between(start, end).toMillis(), 1, start);
        return new DeviceResult(Device.at(a), List.of(), Classification.unknown("test"), List.of(run), List.of(f));
    }

    private static byte[] talk(InetAddress a, int port, byte[] payload) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, port), 2000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            return s.getInputStream().readNBytes(5);
        }
    }

    private static LoopbackServer echoOnce(String addr) throws IOException {
        return new LoopbackServer(addr, (s, out) -> {
            try {
                InputStream in = s.getInputStream();
                byte[] buf = in.readNBytes(5);
                out.write(buf);
                out.flush();
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    @Test
    void captureHoldsTheDevicesPacketsAndEveryFindingPointsAtItsWindow(@TempDir Path dir) throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.61");
        assumeCaptureWorks(a);
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        EvidenceCapture capture = new PcapCaptureFactory().capture(CaptureSettings.defaults());
        try (LoopbackServer srv = echoOnce("127.0.0.61")) {
            EvidenceCapture.DeviceCapture dc = capture.start(Device.at(a), store);
            Instant start = Instant.now();
            assertEquals("hello", new String(talk(a, srv.port(), "hello".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
            Instant end = Instant.now();
            DeviceResult done = dc.finish(result(a, srv.port(), start, end));
            store.writeManifest();

            EvidenceRef pcap = done.findings().get(0).evidence().get(0);
            assertEquals("pcap", pcap.kind());
            assertEquals("evidence/127.0.0.61/capture.pcap", pcap.path(), pcap.note());
            Path file = dir.resolve(pcap.path());
            assertEquals(EvidenceStore.sha256(file), pcap.sha256());
            assertTrue(Files.readString(dir.resolve(EvidenceStore.MANIFEST)).contains(pcap.sha256() + "  127.0.0.61/capture.pcap"));
            assertTrue(pcap.range().matches("frames \\d+-\\d+ \\(.+/.+\\)"), pcap.range());
            assertTrue(capture.warnings().isEmpty(), capture.warnings().toString());

            // pcap4j's offline reader, an independent parser, sees the device's TCP packets on the port
            int seen = 0;
            int payloadBytes = 0;
            PcapHandle off = Pcaps.openOffline(file.toString());
            try {
                while (true) {
                    Packet p;
                    try {
                        p = off.getNextPacketEx();
                    } catch (EOFException eof) {
                        break;
                    } catch (TimeoutException t) {
                        continue;
                    }
                    IpV4Packet ip = p.get(IpV4Packet.class);
                    TcpPacket tcp = p.get(TcpPacket.class);
                    assertNotNull(ip, "only IP packets of the device");
                    assertTrue(ip.getHeader().getSrcAddr().equals(a) || ip.getHeader().getDstAddr().equals(a), p.toString());
                    if (tcp != null && (tcp.getHeader().getDstPort().valueAsInt() == srv.port()
                            || tcp.getHeader().getSrcPort().valueAsInt() == srv.port())) {
                        seen++;
                        if (tcp.getPayload() != null) payloadBytes += tcp.getPayload().length();
                    }
                }
            } finally {
                off.close();
            }
            assertTrue(seen >= 6, "handshake, data, teardown: " + seen);
            assertEquals(10, payloadBytes, "hello out and back");
            String[] frames = pcap.range().replaceAll("frames (\\d+)-(\\d+).*", "$1 $2").split(" ");
            assertEquals(1, Integer.parseInt(frames[0]), "the connection opened inside the check's window");
            assertTrue(Integer.parseInt(frames[1]) >= 6, pcap.range());
        }
    }

    @Test
    void tsharkReadsTheCapture(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed (apt-get install tshark)");
        InetAddress a = InetAddress.getByName("127.0.0.62");
        assumeCaptureWorks(a);
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        try (LoopbackServer srv = echoOnce("127.0.0.62")) {
            EvidenceCapture.DeviceCapture dc = new PcapCaptureFactory().capture(CaptureSettings.defaults()).start(Device.at(a), store);
            Instant start = Instant.now();
            talk(a, srv.port(), "12345".getBytes(StandardCharsets.US_ASCII));
            DeviceResult done = dc.finish(result(a, srv.port(), start, Instant.now()));
            Path file = dir.resolve(done.findings().get(0).evidence().get(0).path());
            Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-Y", "tcp.port==" + srv.port(),
                    "-T", "fields", "-e", "ip.src", "-e", "ip.dst").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            List<String> lines = out.lines().filter(l -> l.contains("127.0.0.62")).toList();
            assertTrue(lines.size() >= 6, out);
        }
    }

    @Test
    void captureStopsGrowingAtItsCapAndSaysSo(@TempDir Path dir) throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.63");
        assumeCaptureWorks(a);
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        EvidenceCapture capture = new PcapCaptureFactory().capture(CaptureSettings.defaults().withMaxBytes(4096));
        try (LoopbackServer srv = new LoopbackServer("127.0.0.63", (s, out) -> {
            try {
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // done
            }
        })) {
            EvidenceCapture.DeviceCapture dc = capture.start(Device.at(a), store);
            Instant start = Instant.now();
            try (Socket s = new Socket(a, srv.port())) {
                byte[] chunk = new byte[1000];
                for (int i = 0; i < 40; i++) s.getOutputStream().write(chunk); // 40 segments, far beyond 4 KiB
            }
            DeviceResult done = dc.finish(result(a, srv.port(), start, Instant.now()));
            EvidenceRef ref = done.findings().get(0).evidence().get(0);
            Path file = dir.resolve(ref.path());
            assertTrue(Files.size(file) <= 4096, "file size " + Files.size(file));
            assertTrue(ref.note().contains("truncated"), ref.note());
            assertTrue(capture.warnings().stream().anyMatch(w -> w.contains("truncated")), capture.warnings().toString());
            long frames = PcapRecords.read(file, h -> { }).frames();
            assertTrue(frames >= 1, "the file is still a readable pcap");
        }
    }

    @Test
    void aBurstOfConnectionsIsCapturedWithoutKernelDrops(@TempDir Path dir) throws Exception {
        // regression: in immediate mode libpcap used TPACKET_V2 slots of snaplen bytes, and dropped packets
        InetAddress a = InetAddress.getByName("127.0.0.66");
        assumeCaptureWorks(a);
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        EvidenceCapture capture = new PcapCaptureFactory().capture(CaptureSettings.defaults());
        int n = 300;
        try (LoopbackServer srv = new LoopbackServer("127.0.0.66", (s, out) -> { })) {
            EvidenceCapture.DeviceCapture dc = capture.start(Device.at(a), store);
            Instant start = Instant.now();
            for (int i = 0; i < n; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, srv.port()), 2000);
                }
            }
            DeviceResult done = dc.finish(result(a, srv.port(), start, Instant.now()));
            EvidenceRef ref = done.findings().get(0).evidence().get(0);
            assertTrue(!ref.note().contains("dropped"), ref.note());
            // distinct client ports: a SYN the kernel retransmitted (listen queue full for a moment) is one connection
            java.util.Set<Integer> syns = new java.util.HashSet<>();
            PcapHandle off = Pcaps.openOffline(dir.resolve(ref.path()).toString());
            try {
                while (true) {
                    Packet p;
                    try {
                        p = off.getNextPacketEx();
                    } catch (EOFException eof) {
                        break;
                    } catch (TimeoutException t) {
                        continue;
                    }
                    TcpPacket tcp = p.get(TcpPacket.class);
                    if (tcp != null && tcp.getHeader().getSyn() && !tcp.getHeader().getAck()) {
                        syns.add(tcp.getHeader().getSrcPort().valueAsInt());
                    }
                }
            } finally {
                off.close();
            }
            assertEquals(n, syns.size(), "every connection's SYN is in the file");
        }
    }

    @Test
    void discardedCaptureLeavesNoFile(@TempDir Path dir) throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.64");
        assumeCaptureWorks(a);
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        new PcapCaptureFactory().capture(CaptureSettings.defaults()).start(Device.at(a), store).discard();
        store.writeManifest();
        assertTrue(Files.notExists(dir.resolve("evidence/127.0.0.64")));
        assertEquals("", Files.readString(dir.resolve(EvidenceStore.MANIFEST)));
    }

    @Test
    void withoutPrivilegesPreflightSaysWhatToDo() {
        LiveCaptureOpener denied = (n, f, s) -> {
            throw new PcapNativeException("socket: Operation not permitted");
        };
        var e = assertThrows(CaptureUnavailableException.class,
                () -> new PcapCaptureFactory(denied, new CaptureInterfaces()).preflight(List.of(InetAddress.getLoopbackAddress())));
        assertTrue(e.getMessage().contains("Operation not permitted"), e.getMessage());
        assertTrue(e.getMessage().contains("CAP_NET_RAW"), e.getMessage());
    }

    @Test
    void aDeviceWhoseCaptureFailsHasEveryFindingMarkedNotCaptured(@TempDir Path dir) throws Exception {
        LiveCaptureOpener denied = (n, f, s) -> {
            throw new PcapNativeException("socket: Operation not permitted");
        };
        EvidenceCapture capture = new PcapCaptureFactory(denied, new CaptureInterfaces()).capture(CaptureSettings.defaults());
        InetAddress a = InetAddress.getByName("127.0.0.65");
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        DeviceResult done = capture.start(Device.at(a), store).finish(result(a, 80, Instant.now(), Instant.now()));
        EvidenceRef ref = done.findings().get(0).evidence().get(0);
        assertNull(ref.path());
        assertTrue(ref.note().startsWith("not captured: capture failed: no permission"), ref.note());
        assertEquals(1, capture.warnings().size());
        assertTrue(Files.notExists(dir.resolve("evidence/127.0.0.65/capture.pcap")));
    }

    @Test
    void loopbackAddressesAreCapturedOnTheLoopbackInterface() throws Exception {
        assertEquals("lo", new CaptureInterfaces().forAddress(InetAddress.getByName("127.0.0.99")));
    }
}
