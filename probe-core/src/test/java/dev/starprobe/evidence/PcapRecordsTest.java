package dev.starprobe.evidence;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pcap reader and the frame ranges, on files written byte by byte here, so no capture privilege is needed. */
class PcapRecordsTest {
    static final Instant T = Instant.parse("2025-11-20T01:00:00Z");

    /** A pcap file with one 60-byte frame at each offset (ms after T); optionally cut in the last record. */
    static byte[] pcap(ByteOrder order, boolean nanos, long[] offsetsMillis, boolean truncateLast) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer g = ByteBuffer.allocate(24).order(order);
        g.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(g.array());
        for (long ms : offsetsMillis) {
            Instant t = T.plusMillis(ms);
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            r.putInt((int) t.getEpochSecond()).putInt(nanos ? t.getNano() : t.getNano() / 1000).putInt(60).putInt(60);
            out.writeBytes(r.array());
            out.writeBytes(new byte[60]);
        }
        byte[] all = out.toByteArray();
        return truncateLast ? java.util.Arrays.copyOf(all, all.length - 30) : all;
    }

    @Test
    void readsFramesInEitherByteOrderAndPrecision(@TempDir Path dir) throws Exception {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (boolean nanos : List.of(false, true)) {
                Path f = dir.resolve("x.pcap");
                Files.write(f, pcap(order, nanos, new long[]{0, 5, 1500}, false));
                List<PcapRecords.Header> hs = new ArrayList<>();
                PcapRecords.FileInfo info = PcapRecords.read(f, hs::add);
                assertEquals(3, info.frames());
                assertEquals(1, info.linkType());
                assertEquals(T.toEpochMilli() * 1000 + 1_500_000, hs.get(2).epochMicros(), order + " nanos=" + nanos);
                assertEquals(60, hs.get(0).capturedLength());
            }
        }
    }

    @Test
    void aRecordCutShortEndsTheFileInsteadOfFailingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cut.pcap");
        Files.write(f, pcap(ByteOrder.LITTLE_ENDIAN, false, new long[]{0, 1, 2}, true));
        assertEquals(2, PcapRecords.read(f, h -> { }).frames());
        Files.write(f, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        assertThrows(java.io.IOException.class, () -> PcapRecords.read(f, h -> { }));
    }

    @Test
    void eachFindingGetsTheFramesOfItsOwnChecksWindow(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("capture.pcap");
        // frames at 0, 100, 200 ms (check a), 1000 ms (check b), 5000 ms (after both)
        Files.write(f, pcap(ByteOrder.LITTLE_ENDIAN, false, new long[]{0, 100, 200, 1000, 5000}, false));
        ServiceRef s = new ServiceRef(Transport.TCP, 23, "telnet");
        Finding fa = new Finding("a", "a", List.of(), Verdict.FAIL, Severity.HIGH, "r", s, List.of());
        Finding fb = new Finding("b", "b", List.of(), Verdict.PASS, Severity.INFO, "r", null, List.of());
        Finding orphan = new Finding("c", "c", List.of(), Verdict.PASS, Severity.INFO, "r", null, List.of());
        List<ExecutionRecord> runs = List.of(
                new ExecutionRecord("a", s, ExecutionStatus.COMPLETED, null, null, 200, 1, T),
                new ExecutionRecord("b", null, ExecutionStatus.COMPLETED, null, null, 100, 1, T.plusMillis(950)));
        DeviceResult d = new DeviceResult(Device.at(InetAddress.getByName("198.18.0.9")), List.of(), Classification.unknown("t"),
                runs, List.of(fa, fb, orphan));
        DeviceResult out = CaptureRefs.attach(d, f, "evidence/x/capture.pcap", "ab".repeat(32), "note");
        EvidenceRef a = out.findings().get(0).evidence().get(0);
        assertTrue(a.range().startsWith("frames 1-3 (2025-11-20T01:00:00Z/"), a.range());
        assertTrue(a.note().contains("frame.number >= 1 && frame.number <= 3"), a.note());
        assertTrue(out.findings().get(1).evidence().get(0).range().startsWith("frames 4-4 "));
        EvidenceRef c = out.findings().get(2).evidence().get(0);
        assertEquals(null, c.range(), "no timing known: the whole capture");
        assertTrue(c.note().contains("whole capture"));
        assertEquals("ab".repeat(32), c.sha256());
    }
}
