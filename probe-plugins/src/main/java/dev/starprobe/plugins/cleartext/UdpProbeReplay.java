package dev.starprobe.plugins.cleartext;

import dev.starprobe.engine.UdpProbes;
import dev.starprobe.spi.CheckContext;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Re-sends one of the engine's UDP discovery probes from inside a check, so the verdict rests on an
 * exchange recorded in the check's own evidence rather than on the discovery stage's word.
 */
final class UdpProbeReplay {
    static final Duration WAIT = Duration.ofSeconds(2);

    private UdpProbeReplay() {
    }

    /** The accepted reply, or empty when the device stayed silent or answered something else. */
    static CompletionStage<Optional<byte[]>> ask(CheckContext ctx, int port, String probeName) {
        UdpProbes.Probe probe = UdpProbes.builtIn().byName(probeName)
                .orElseThrow(() -> new IllegalStateException("no UDP probe named " + probeName));
        return ctx.net().udp(port).thenCompose(s -> s.send(probe.payload())
                .thenCompose(v -> s.receive(WAIT))
                .handle((reply, err) -> err == null && probe.accepts(reply) ? Optional.of(reply) : Optional.<byte[]>empty())
                .whenComplete((r, e) -> s.close()));
    }

    static CompletionStage<Optional<byte[]>> none() {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
