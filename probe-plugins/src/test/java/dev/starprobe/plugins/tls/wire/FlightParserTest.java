package dev.starprobe.plugins.tls.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first-flight parser on hand-made and hostile input: it must answer, never throw, stay bounded. */
class FlightParserTest {
    private static byte[] serverHello(int version, int suite, byte[] extensions) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(version >> 8);
        b.write(version);
        b.writeBytes(new byte[32]);
        b.write(0);
        b.write(suite >> 8);
        b.write(suite);
        b.write(0);
        if (extensions != null) {
            b.write(extensions.length >> 8);
            b.write(extensions.length);
            b.writeBytes(extensions);
        }
        return handshake(2, b.toByteArray());
    }

    private static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(type);
        m.write(body.length >> 16);
        m.write(body.length >> 8);
        m.write(body.length);
        m.writeBytes(body);
        return m.toByteArray();
    }

    private static byte[] record(int type, byte[] body) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(type);
        r.write(3);
        r.write(3);
        r.write(body.length >> 8);
        r.write(body.length);
        r.writeBytes(body);
        return r.toByteArray();
    }

    private static FlightParser parser() {
        return new FlightParser(false, Suites.builtIn(), 64 * 1024);
    }

    @Test
    void readsAServerHelloAcrossRecordsAndByteByByte() {
        byte[] ri = HexFormat.of().parseHex("ff01000100" + "00170000");
        byte[] hs = concat(serverHello(0x0303, 0xC02F, ri), handshake(14, new byte[0]));
        byte[] wire = concat(record(22, java.util.Arrays.copyOf(hs, 20)), record(22, java.util.Arrays.copyOfRange(hs, 20, hs.length)));
        FlightParser p = parser();
        for (byte b : wire) p.feed(new byte[]{b});
        assertTrue(p.done());
        ServerFlight f = p.flight();
        assertEquals(0xC02F, f.hello().suite());
        assertTrue(f.hello().secureRenegotiation());
        assertTrue(f.hello().extendedMasterSecret());
        assertFalse(f.hello().encryptThenMac());
        assertNull(f.malformed());
    }

    @Test
    void tls13IsReadFromSupportedVersionsAndAHelloRetryIsRecognised() {
        byte[] ext = HexFormat.of().parseHex("002b00020304" + "00330002001d");
        byte[] hrr = serverHello(0x0303, 0x1301, ext);
        System.arraycopy(ServerHello.HRR_RANDOM, 0, hrr, 6, 32);
        FlightParser p = parser();
        p.feed(record(22, hrr));
        assertTrue(p.done());
        assertEquals(0x0304, p.flight().hello().version());
        assertTrue(p.flight().hello().helloRetry());
        assertEquals(29, p.flight().hello().keyShareGroup());
    }

    @Test
    void anAlertEndsTheFlight() {
        FlightParser p = parser();
        p.feed(record(21, new byte[]{2, 70}));
        assertTrue(p.done());
        assertEquals("protocol_version", p.flight().alert().name());
    }

    @Test
    void anotherProtocolIsNamedNotTls() {
        FlightParser p = parser();
        p.feed("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
        assertTrue(p.done());
        assertTrue(p.flight().malformed().startsWith("not TLS"), p.flight().malformed());
    }

    @Test
    void aHugeDeclaredLengthDoesNotAllocateOrWaitForever() {
        FlightParser p = new FlightParser(false, Suites.builtIn(), 4096);
        byte[] header = {22, 3, 3, 0x40, 0x00}; // a record of 16 KiB
        byte[] body = new byte[0x4000];
        body[0] = 2;
        body[1] = (byte) 0xff; // handshake message claiming 16 MiB
        body[2] = (byte) 0xff;
        body[3] = (byte) 0xff;
        p.feed(concat(header, body));
        assertTrue(p.done());
        assertNotNull(p.flight().malformed());
    }

    @Test
    void randomInputNeverThrowsAndStaysBounded() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            FlightParser p = new FlightParser(r.nextBoolean(), Suites.builtIn(), 8192);
            int chunks = 1 + r.nextInt(4);
            for (int c = 0; c < chunks && !p.done(); c++) {
                byte[] b = new byte[r.nextInt(300)];
                r.nextBytes(b);
                if (r.nextInt(3) == 0 && b.length > 5) { // plausible headers reach the deeper parsers
                    b[0] = 22;
                    b[1] = (byte) (p.flight().bytes() % 2 == 0 ? 3 : 0xfe);
                    b[2] = 3;
                }
                p.feed(b);
            }
            assertTrue(p.flight().bytes() <= 8192 + 300 * 4);
        }
    }

    @Test
    void dtlsFragmentsAreReassembled() {
        byte[] sh = serverHello(0xfefd, 0xC0AE, null);
        byte[] body = java.util.Arrays.copyOfRange(sh, 4, sh.length);
        byte[] d1 = dtlsRecord(dtlsFragment(2, body.length, 1, 0, java.util.Arrays.copyOfRange(body, 0, 10)));
        byte[] d2 = dtlsRecord(dtlsFragment(2, body.length, 1, 10, java.util.Arrays.copyOfRange(body, 10, body.length)));
        FlightParser p = new FlightParser(true, Suites.builtIn(), 8192);
        p.feed(d2);
        assertNull(p.flight().hello());
        p.feed(d1);
        assertEquals(0xC0AE, p.flight().hello().suite());
    }

    private static byte[] dtlsFragment(int type, int length, int seq, int offset, byte[] frag) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(type);
        h.write(length >> 16);
        h.write(length >> 8);
        h.write(length);
        h.write(seq >> 8);
        h.write(seq);
        h.write(offset >> 16);
        h.write(offset >> 8);
        h.write(offset);
        h.write(frag.length >> 16);
        h.write(frag.length >> 8);
        h.write(frag.length);
        h.writeBytes(frag);
        return h.toByteArray();
    }

    private static byte[] dtlsRecord(byte[] body) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(22);
        r.write(0xfe);
        r.write(0xfd);
        r.writeBytes(new byte[8]);
        r.write(body.length >> 8);
        r.write(body.length);
        r.writeBytes(body);
        return r.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void clientHelloOffersExactlyWhatWasAsked() {
        byte[] rec = ClientHello.of(TlsVersion.SSL3, List.of(0x000A, 0x0005), List.of(), false, null, null).tlsRecord();
        assertEquals(0x16, rec[0]);
        assertEquals(3, rec[1]);
        assertEquals(0, rec[2], "SSLv3 record version");
        assertEquals(3, rec[9]);
        assertEquals(0, rec[10], "SSLv3 client version");
        // suites: 2 asked + the renegotiation SCSV, then no extensions at all (SSLv3 has none)
        assertEquals(6, rec[5 + 4 + 2 + 32 + 1 + 1]);
        assertEquals(rec.length, 5 + 4 + 2 + 32 + 1 + 2 + 6 + 2);
    }
}
