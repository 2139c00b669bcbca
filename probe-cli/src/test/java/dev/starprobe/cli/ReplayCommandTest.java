package dev.starprobe.cli;

import dev.starprobe.plugins.replay.capture.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `starprobe replay list` and what a bad capture does to it and to a scan: a clear error naming file and offset, exit 2. */
class ReplayCommandTest {
    private static final byte[] APP = {10, 0, 0, 5};
    private static final byte[] LOCK = {(byte) 198, 18, 0, 7};
    private static final String BODY = "{\"action\":\"unlock\",\"ts\":1750000000,\"nonce\":\"ab12\"}";
    private static final String POST = "POST /api/lock HTTP/1.1\r\nHost: lock\r\nContent-Type: application/json\r\nContent-Length: "
            + BODY.length() + "\r\n\r\n" + BODY;
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"result\":\"ok\"}";
    private static final byte[] COAP_POST = {0x40, 0x02, 0x12, 0x34, (byte) 0xb4, 'l', 'o', 'c', 'k', (byte) 0xff, '{', '}'};

    private static SyntheticPcap sample() {
        return new SyntheticPcap().http(APP, 40000, LOCK, POST, OK).udp(APP, 50000, LOCK, 5683, COAP_POST);
    }

    @Test
    void listsTheRequestsOfAPcapAndAPcapng(@TempDir Path dir) throws Exception {
        for (String kind : new String[]{"pcap", "pcapng"}) {
            Path f = dir.resolve("app." + kind);
            Files.write(f, kind.equals("pcap") ? sample().pcap() : sample().pcapng());
            CliRun r = CliRun.of("replay", "list", f.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains(kind + ", 5 frames"), r.out());
            assertTrue(r.out().contains("#1") && r.out().contains("http") && r.out().contains("198.18.0.7:80/tcp")
                    && r.out().contains("POST /api/lock (" + BODY.length() + "-byte body) -> 200"), r.out());
            assertTrue(r.out().contains("#2") && r.out().contains("coap") && r.out().contains("CON POST /lock"), r.out());
            assertTrue(r.out().contains("2 requests"), r.out());
        }
    }

    @Test
    void aFileThatIsNoCaptureIsAUsageErrorAtOffsetZero(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "these are not packets\n");
        CliRun r = CliRun.of("replay", "list", f.toString());
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().contains(f.toString()) && r.err().contains("at byte offset 0") && r.err().contains("not a pcap or pcapng file"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aTruncatedPcapNamesTheOffsetOfTheCutRecord(@TempDir Path dir) throws Exception {
        byte[] whole = sample().pcap();
        // the fifth record (the CoAP datagram) starts after the global header and four records
        int fifth = 24;
        for (int i = 0; i < 4; i++) fifth += 16 + littleEndian(whole, fifth + 8);
        Path f = dir.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(whole, fifth + 20));
        CliRun r = CliRun.of("replay", "list", f.toString());
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().contains(f.toString()) && r.err().contains("at byte offset " + fifth) && r.err().contains("frame 5")
                && r.err().contains("truncated"), r.err());
    }

    @Test
    void aTruncatedOrCorruptPcapngNamesTheOffsetOfTheBadBlock(@TempDir Path dir) throws Exception {
        byte[] whole = sample().pcapng();
        int third = 28 + 20; // after the section header and interface description: the first packet block
        third += littleEndian(whole, third + 4);
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, Arrays.copyOf(whole, third + 40));
        CliRun r = CliRun.of("replay", "list", cut.toString());
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().contains(cut.toString()) && r.err().contains("at byte offset " + third) && r.err().contains("truncated"), r.err());

        byte[] corrupt = whole.clone();
        int len = littleEndian(corrupt, third + 4);
        corrupt[third + len - 4] ^= 0x10; // trailing length no longer equals the leading one
        Path bad = dir.resolve("bad.pcapng");
        Files.write(bad, corrupt);
        CliRun r2 = CliRun.of("replay", "list", bad.toString());
        assertEquals(Main.USAGE, r2.exit());
        assertTrue(r2.err().contains("at byte offset " + (third + len - 4)) && r2.err().contains("trailing length"), r2.err());
    }

    @Test
    void aScanWithABadCaptureStopsBeforeSendingAnythingAndWritesNoReport(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.pcap");
        byte[] whole = sample().pcap();
        Files.write(f, Arrays.copyOf(whole, whole.length - 3));
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("scan", "127.0.0.1", "-p", "9", "--replay", f.toString(), "--allow", "intrusive", "-o", out.toString(),
                "--no-capture", "--no-progress");
        assertEquals(Main.USAGE, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(f.toString()) && r.err().contains("at byte offset"), r.err());
        assertFalse(Files.exists(out.resolve("report.json")), "no scan ran");
    }

    @Test
    void parseThroughputOnALargeSyntheticCapture(@TempDir Path dir) throws Exception {
        SyntheticPcap big = new SyntheticPcap();
        int connections = 25_000;
        for (int i = 0; i < connections; i++) big.http(APP, 1024 + i % 60000, LOCK, POST, OK);
        Path f = dir.resolve("big.pcap");
        Files.write(f, big.pcap());
        long bytes = Files.size(f);
        long t0 = System.nanoTime();
        Capture c = Capture.load(f);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        CliRun r = CliRun.of("replay", "list", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(connections * 4L, c.frames());
        assertTrue(r.out().contains(connections + " requests"), r.out().substring(Math.max(0, r.out().length() - 300)));
        System.out.printf("capture parse: %d frames, %.1f MB in %d ms = %.0f frames/s, %.1f MB/s%n", c.frames(), bytes / 1e6, ms,
                c.frames() * 1000.0 / ms, bytes / 1e3 / ms);
        assertTrue(ms < 60_000, "bounded: " + ms + " ms");
    }

    private static int littleEndian(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
