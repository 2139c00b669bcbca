package dev.starprobe.evidence;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.spi.Transcript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets a device disclosed are redacted from all of its evidence files, those written before they were known too. */
class EvidenceStoreRedactionTest {
    private static final String SECRET = "sakura-2019-home";

    private record Fixed(List<Entry> entries, boolean truncated, String peer) implements Transcript {
    }

    private static Transcript.Entry received(String text) {
        return new Transcript.Entry(Instant.EPOCH, Transcript.Direction.RECEIVED, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Transcript transcript(Transcript.Entry... entries) {
        return new Fixed(List.of(entries), false, "127.77.0.1:1883");
    }

    private static String read(Path dir, EvidenceRef ref) throws IOException {
        return Files.readString(dir.resolve(ref.path()), StandardCharsets.ISO_8859_1);
    }

    /** The manifest's lines as path -> hash. */
    private static Map<String, String> manifest(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve(EvidenceStore.MANIFEST))) m.put(line.substring(66), line.substring(0, 64));
        return m;
    }

    @Test
    void aSecretRegisteredLaterIsRedactedFromEarlierTranscriptsEvenInHexDumpsAndAcrossReads(@TempDir Path dir) throws IOException {
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        // binary framing makes the first one a hex dump; the second has the secret split over two reads
        Transcript binary = transcript(received("\u0030\u0081\u0001\u0000\u0010cfg\u0000\u0001\u0002{\"wifi_password\":\""
                + SECRET + "\"}" + "\u0000".repeat(24)));
        Transcript split = transcript(received("{\"wifi_password\":\"sakura-"), received("2019-home\"}"));
        EvidenceRef a = store.transcript("wearable", "auth.unauthenticated-access", binary, "MQTT '#'");
        EvidenceRef b = store.transcript("wearable", "replay.mqtt", split, "replay");
        EvidenceRef other = store.transcript("router", "x", transcript(received("unrelated " + SECRET)), "another device");
        assertTrue(read(dir, a).contains("75 72 61 2d 32 30 31 39"), "the hex dump shows the secret before it is known: " + read(dir, a));

        store.secret("wearable", SECRET);
        store.finish("wearable");
        store.writeManifest();

        for (EvidenceRef ref : List.of(a, b)) {
            String text = read(dir, ref);
            assertFalse(text.contains(SECRET) || text.contains("sakura") || text.contains("ura-2019") || text.contains("32 30 31 39 2d 68 6f 6d 65"), text);
            assertTrue(text.contains(Redactor.MARK) || text.contains("\"<re"), "the mark, or in a hex dump its start: " + text);
            EvidenceRef now = store.current(ref);
            assertNotEquals(ref.sha256(), now.sha256(), "re-hashed");
            assertEquals(EvidenceStore.sha256(Files.readAllBytes(dir.resolve(ref.path()))), now.sha256());
            assertEquals(now.sha256(), manifest(dir).get(ref.path().substring("evidence/".length())));
        }
        assertTrue(read(dir, other).contains(SECRET), "another device's files are its own business");
        assertSame(other, store.current(other));
    }

    @Test
    void filesAreRedactedAndLaterWritesUseTheKnownSecrets(@TempDir Path dir) throws IOException {
        EvidenceStore store = new EvidenceStore(dir, Redactor.none());
        EvidenceRef body = store.file("body", "camera", "config.bak", ("wifi_psk=" + SECRET + "\n").getBytes(StandardCharsets.UTF_8),
                "GET /config.bak");
        store.secret("camera", SECRET);
        EvidenceRef later = store.transcript("camera", "http", transcript(received("psk " + SECRET)), "later");
        assertFalse(read(dir, later).contains(SECRET), "written after the secret was known: redacted at once");
        store.finish("camera");
        assertEquals("wifi_psk=" + Redactor.MARK + "\n", read(dir, body));
        assertEquals(Redactor.MARK, store.redactor("camera").redact(SECRET), "the device's report texts are redacted too");
        assertEquals(SECRET, store.redactor("router").redact(SECRET));
    }

    @Test
    void aTranscriptBeyondTheRetainedBytesIsRedactedInItsRenderedText(@TempDir Path dir) throws IOException {
        EvidenceStore store = new EvidenceStore(dir, Redactor.none(), 1024);
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'a');
        store.transcript("nas", "bulk", transcript(new Transcript.Entry(Instant.EPOCH, Transcript.Direction.RECEIVED, chunk)),
                "fills the budget");
        EvidenceRef late = store.transcript("nas", "x", transcript(received("token=" + SECRET + "\n")), "beyond it");
        store.secret("nas", SECRET);
        store.finish("nas");
        assertFalse(read(dir, late).contains(SECRET), read(dir, late));
    }

    @Test
    void userSecretsAreRedactedFromBinaryPayloadsAndFormPosts(@TempDir Path dir) throws IOException {
        EvidenceStore store = new EvidenceStore(dir, new Redactor(List.of("p@ss word!"), List.of()));
        EvidenceRef ref = store.transcript("d", "login", new Fixed(List.of(
                new Transcript.Entry(Instant.EPOCH, Transcript.Direction.SENT, "user=a&password=p%40ss+word%21".getBytes(StandardCharsets.US_ASCII)),
                new Transcript.Entry(Instant.EPOCH, Transcript.Direction.RECEIVED, new byte[]{0x20, 0x02, 0, 0}),
                new Transcript.Entry(Instant.EPOCH, Transcript.Direction.SENT,
                        "\u0010\u0000\u0004MQTT\u0004\u00c2\u0000\u0001\u0002\u0003p@ss word!\u0000\u0001\u0002\u0003".getBytes(StandardCharsets.ISO_8859_1))),
                false, "p"), "login");
        String text = read(dir, ref);
        assertFalse(text.contains("p%40ss") || text.contains("70 40 73 73") || text.contains("p@ss"), text);
    }
}
