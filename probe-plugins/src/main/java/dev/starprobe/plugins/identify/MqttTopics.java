package dev.starprobe.plugins.identify;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which topics an anonymous MQTT broker shows: a SUBSCRIBE to "#" makes the broker send its retained
 * messages, and the topic names say what the device is (".../health", "lock/...", "plant/...").
 * Only names are kept, never payloads: identification needs the kind of data, not the data.
 */
final class MqttTopics {
    static final int MAX_TOPICS = 16;
    static final int MAX_TOPIC_CHARS = 96;

    private MqttTopics() {
    }

    /** SUBSCRIBE packet id 1, filter "#", QoS 0. */
    static byte[] subscribeAll() {
        return new byte[]{(byte) 0x82, 0x06, 0x00, 0x01, 0x00, 0x01, '#', 0x00};
    }

    /** Topic names of the complete PUBLISH packets in {@code b}; stops at anything malformed. */
    static Set<String> publishedTopics(byte[] b) {
        Set<String> topics = new LinkedHashSet<>();
        int i = 0;
        while (i < b.length && topics.size() < MAX_TOPICS) {
            int type = (b[i] & 0xf0) >> 4;
            int len = 0;
            int mult = 1;
            int j = i + 1;
            int k = 0;
            while (true) {
                if (j >= b.length || k++ == 4) return topics;
                int d = b[j++] & 0xff;
                len += (d & 0x7f) * mult;
                mult *= 128;
                if ((d & 0x80) == 0) break;
            }
            if (j + len > b.length) return topics; // truncated: the rest was capped away
            if (type == 3 && len >= 2) {
                int tl = ((b[j] & 0xff) << 8) | (b[j + 1] & 0xff);
                if (tl > 0 && j + 2 + tl <= j + len) {
                    String t = Printable.banner(java.util.Arrays.copyOfRange(b, j + 2, j + 2 + Math.min(tl, MAX_TOPIC_CHARS)));
                    topics.add(t);
                }
            }
            i = j + len;
        }
        return topics;
    }
}
