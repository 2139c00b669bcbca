package dev.starprobe.plugins.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;

/** Test payloads from resources, and the hostile-input drill every parser must survive. */
final class Payloads {
    private Payloads() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("payloads/" + name)) {
            if (in == null) throw new IllegalArgumentException("no payload " + name);
            byte[] raw = in.readAllBytes();
            return name.endsWith(".hex") ? HexFormat.of().parseHex(new String(raw).replaceAll("\\s+", "")) : raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Feeds every truncation of {@code valid}, every single-byte corruption of its first 64 bytes
     * and 3,000 random buffers to {@code parser}: each must either parse or throw ParseException.
     */
    static void survivesHostileInput(byte[] valid, UdpDiscoverer.Parser<?> parser) {
        Consumer<byte[]> feed = b -> {
            try {
                parser.parse(b);
            } catch (ParseException expected) {
                // a clear parse failure is the right outcome
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail("parser threw " + e + " on " + HexFormat.of().formatHex(b, 0, Math.min(b.length, 64)), e);
            }
        };
        for (int n = 0; n < valid.length; n++) feed.accept(Arrays.copyOf(valid, n));
        for (int i = 0; i < Math.min(64, valid.length); i++) {
            for (int v : new int[]{0x00, 0x7f, 0x80, 0xc0, 0xff}) {
                byte[] b = valid.clone();
                b[i] = (byte) v;
                feed.accept(b);
            }
        }
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(600)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) b[0] = valid[0]; // look plausible at first glance
            feed.accept(b);
        }
    }
}
