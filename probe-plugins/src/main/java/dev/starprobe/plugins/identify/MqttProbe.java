package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.mqtt.MqttPackets;
import dev.starprobe.spi.ServiceProbe;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Identifies plaintext MQTT by a CONNECT/CONNACK exchange (no credentials), on any port. The
 * CONNACK code is kept: "accepted" means the broker lets anonymous clients in.
 */
public final class MqttProbe implements ServiceProbe {
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
                    if (code < 0) return java.util.concurrent.CompletableFuture.completedFuture(Optional.<Service>empty());
                    return (code == 0 ? s.write(MqttPackets.disconnect()) : java.util.concurrent.CompletableFuture.<Void>completedFuture(null))
                            .handle((x, e) -> Optional.of(service.identified("mqtt", false, null, null, null,
                                    Map.of("mqtt.connack", String.valueOf(code), "mqtt.anonymous",
                                            code == 0 ? "accepted" : MqttPackets.describe(code)))));
                })
                .whenComplete((r, e) -> s.close()));
    }
}
