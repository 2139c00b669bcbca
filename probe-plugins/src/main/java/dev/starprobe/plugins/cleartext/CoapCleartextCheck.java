package dev.starprobe.plugins.cleartext;

import dev.starprobe.model.Severity;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckTarget;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * CoAP without DTLS carries requests (including control commands such as switching a relay) and
 * their answers unencrypted. Shown by the device listing its resources to an unencrypted GET.
 */
public final class CoapCleartextCheck implements Check {
    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.coap")
            .title("No CoAP without DTLS")
            .requirements("S1.1-12", "EN-5.5-1")
            .protocols("coap")
            .timeout(Duration.ofSeconds(20))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public Applicability appliesTo(CheckTarget target) {
        Applicability a = D.applicability(target);
        if (a.applies() && target.service().transport() != Transport.UDP) return Applicability.no("CoAP over TCP is not probed yet");
        return a;
    }

    @Override
    public CompletionStage<CheckOutcome> run(CheckContext ctx) {
        int port = ctx.service().orElseThrow().port();
        return UdpProbeReplay.ask(ctx, port, "coap-well-known-core").thenApply(reply -> CheckOutcome.completed(reply.isPresent()
                ? ctx.finding(Verdict.FAIL, "CoAP answers without DTLS on UDP port " + port
                        + ": requests and responses, including control commands, are unencrypted")
                    .severity(Severity.HIGH).traffic("unencrypted CoAP GET /.well-known/core and its answer").build()
                : ctx.finding(Verdict.INCONCLUSIVE, "UDP port " + port + " answered CoAP during discovery but not now")
                    .traffic("CoAP GET without an answer").build()));
    }
}
