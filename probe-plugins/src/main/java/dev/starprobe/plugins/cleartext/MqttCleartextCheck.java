package dev.starprobe.plugins.cleartext;

import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.mqtt.MqttPackets;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * MQTT without TLS carries CONNECT credentials and every published message in cleartext. The check
 * repeats the anonymous CONNECT so the FAIL is backed by the broker's own CONNACK.
 */
public final class MqttCleartextCheck implements Check {
    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.mqtt")
            .title("No MQTT without TLS")
            .requirements("S1.1-12", "EN-5.5-1", "EN-5.5-7")
            .protocols("mqtt")
            .timeout(Duration.ofSeconds(20))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public CompletionStage<CheckOutcome> run(CheckContext ctx) {
        int port = ctx.service().orElseThrow().port();
        return ctx.net().tcp(port).thenCompose(s -> s.write(MqttPackets.connect("starprobe"))
                .thenCompose(v -> s.read(4, ctx.options().ioTimeout()))
                .thenCompose(reply -> {
                    int code = MqttPackets.connackCode(reply);
                    CompletionStage<Void> bye = code == 0 ? s.write(MqttPackets.disconnect()) : CompletableFuture.completedFuture(null);
                    return bye.handle((x, e) -> code);
                })
                .whenComplete((c, e) -> s.close()))
                .thenApply(code -> {
                    if (code < 0) {
                        return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "port " + port
                                + " did not answer an MQTT CONNECT with a CONNACK this time").traffic("CONNECT attempt").build());
                    }
                    String anon = code == 0 ? "; it also accepted an anonymous client" : "";
                    return CheckOutcome.completed(ctx.finding(Verdict.FAIL, "MQTT is served without TLS on port " + port
                                    + " (CONNACK " + MqttPackets.describe(code) + "): credentials and messages travel in cleartext" + anon)
                            .severity(Severity.HIGH).traffic("MQTT CONNECT/CONNACK in cleartext").build());
                });
    }
}
