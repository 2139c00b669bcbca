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
        return dev.starprobe.plugins.mqtt.MqttPackets.subscribe(1, java.util.List.of("#"));
    }

    /** Topic names of the complete PUBLISH packets in {@code b}; stops at anything malformed. */
    static Set<String> publishedTopics(byte[] b) {
        Set<String> topics = new LinkedHashSet<>();
        for (var m : dev.starprobe.plugins.mqtt.MqttPublishes.parse(b, 4 * MAX_TOPICS)) {
            if (topics.size() == MAX_TOPICS) break;
            byte[] name = m.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (name.length > 0) topics.add(Printable.banner(java.util.Arrays.copyOf(name, Math.min(name.length, MAX_TOPIC_CHARS))));
        }
        return topics;
    }
}
