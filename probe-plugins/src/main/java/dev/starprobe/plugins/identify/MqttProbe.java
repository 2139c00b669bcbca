package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.mqtt.MqttPackets;
import dev.starprobe.spi.ServiceProbe;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Identifies plaintext MQTT by a CONNECT/CONNACK exchange (no credentials), on any port. The
 * CONNACK code is kept: "accepted" means the broker lets anonymous clients in, and then the names of
 * its retained topics are listed (see {@link MqttTopics}).
 */
public final class MqttProbe implements ServiceProbe {
    /** How long retained messages may take to arrive after SUBSCRIBE, and how much of them is read. */
    static final java.time.Duration TOPIC_WINDOW = java.time.Duration.ofMillis(600);
    static final int TOPIC_BYTES = 8 * 1024;

    @Override
    public String id() {
        return "mqtt";
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.protocol() == null && service.banner() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        return ctx.net().tcp(service.port()).thenCompose(s -> s.write(MqttPackets.connect("starprobe"))
                .thenCompose(v -> s.read(4, ctx.ioTimeout()))
                .thenCompose(reply -> {
                    int code = MqttPackets.connackCode(reply);
                    if (code < 0) return CompletableFuture.completedFuture(Optional.<Service>empty());
                    Map<String, String> attrs = new java.util.LinkedHashMap<>();
                    attrs.put("mqtt.connack", String.valueOf(code));
                    attrs.put("mqtt.anonymous", code == 0 ? "accepted" : MqttPackets.describe(code));
                    if (code != 0) return CompletableFuture.completedFuture(Optional.of(identified(service, attrs)));
                    return retainedTopics(ctx, s).thenCompose(topics -> {
                        if (!topics.isEmpty()) attrs.put("mqtt.topics", String.join(" ", topics));
                        return s.write(MqttPackets.disconnect());
                    }).handle((x, e) -> Optional.of(identified(service, attrs)));
                })
                .whenComplete((r, e) -> s.close()));
    }

    private static Service identified(Service service, Map<String, String> attrs) {
        return service.identified("mqtt", false, null, null, null, attrs);
    }

    /** Names of the retained topics an anonymous client sees, read within a short window. */
    private static CompletionStage<java.util.Set<String>> retainedTopics(ProbeContext ctx, dev.starprobe.spi.Session s) {
        return s.write(MqttTopics.subscribeAll())
                .thenCompose(v -> collect(s, new byte[0], System.nanoTime() + TOPIC_WINDOW.toNanos()))
                .thenApply(MqttTopics::publishedTopics)
                .exceptionally(e -> java.util.Set.of());
    }

    private static CompletionStage<byte[]> collect(dev.starprobe.spi.Session s, byte[] sofar, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || sofar.length >= TOPIC_BYTES) return CompletableFuture.completedFuture(sofar);
        return s.read(TOPIC_BYTES - sofar.length, java.time.Duration.ofNanos(left)).handle((more, e) -> {
            if (e != null || more == null || more.length == 0) return CompletableFuture.completedFuture(sofar);
            byte[] joined = java.util.Arrays.copyOf(sofar, sofar.length + more.length);
            System.arraycopy(more, 0, joined, sofar.length, more.length);
            return collect(s, joined, deadline);
        }).thenCompose(x -> x);
    }
}
