package dev.starprobe.plugins.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The PUBLISH packets (topic and payload) in bytes a broker sent after a SUBSCRIBE. Tolerant of what a
 * short read window leaves: a truncated last packet is dropped, anything malformed ends the parse.
 */
public final class MqttPublishes {
    /** One delivered message. */
    public record Message(String topic, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private MqttPublishes() {
    }

    /** Whatever arrives on {@code s} within {@code window}, at most {@code max} bytes (a short look, not a session). */
    public static byte[] readWindow(java.net.Socket s, java.time.Duration window, int max) throws java.io.IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long end = System.nanoTime() + window.toNanos();
        s.setSoTimeout((int) Math.max(1, window.toMillis()));
        try {
            int n;
            while (got.size() < max && System.nanoTime() < end && (n = s.getInputStream().read(buf, 0, Math.min(buf.length, max - got.size()))) > 0) {
                got.write(buf, 0, n);
            }
        } catch (java.net.SocketTimeoutException enough) {
            // the window is over
        }
        return got.toByteArray();
    }

    public static List<Message> parse(byte[] b, int maxMessages) {
        List<Message> out = new ArrayList<>();
        int i = 0;
        while (i < b.length && out.size() < maxMessages) {
            int type = (b[i] & 0xf0) >> 4;
            int qos = (b[i] >> 1) & 0x03;
            int len = 0;
            int mult = 1;
            int j = i + 1;
            for (int k = 0; ; k++) {
                if (j >= b.length || k == 4) return out;
                int d = b[j++] & 0xff;
                len += (d & 0x7f) * mult;
                mult *= 128;
                if ((d & 0x80) == 0) break;
            }
            if (j + len > b.length) return out;
            if (type == 3 && len >= 2) {
                int tl = ((b[j] & 0xff) << 8) | (b[j + 1] & 0xff);
                int payloadAt = j + 2 + tl + (qos > 0 ? 2 : 0);
                if (payloadAt > j + len) return out;
                out.add(new Message(new String(b, j + 2, tl, StandardCharsets.UTF_8), Arrays.copyOfRange(b, payloadAt, j + len)));
            }
            i = j + len;
        }
        return out;
    }
}
