package dev.starprobe.plugins.cleartext;

import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * SNMP v1/v2c sends its community string (the password) and all data in cleartext. A device that
 * answers a v2c request is a FAIL. Silence to v2c with community "public" does not prove v2c is
 * off (another community may be set), so a v3-only answer is INCONCLUSIVE, never PASS.
 */
public final class SnmpCleartextCheck implements Check {
    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.snmp")
            .title("No SNMP v1/v2c")
            .requirements("S1.1-12", "EN-5.5-1", "EN-5.5-7")
            .protocols("snmp")
            .timeout(Duration.ofSeconds(20))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public CompletionStage<CheckOutcome> run(CheckContext ctx) {
        int port = ctx.service().orElseThrow().port();
        return UdpProbeReplay.ask(ctx, port, "snmp-v2c-public-sysdescr").thenApply(reply -> CheckOutcome.completed(reply.isPresent()
                ? ctx.finding(Verdict.FAIL, "SNMP v2c answers on UDP port " + port
                        + " (community 'public' accepted): the community string and the data travel in cleartext")
                    .severity(Severity.HIGH).traffic("SNMP v2c GET sysDescr.0 and its answer").build()
                : ctx.finding(Verdict.INCONCLUSIVE, "SNMP on UDP port " + port + " did not answer v2c with community 'public';"
                        + " v1/v2c with another community cannot be ruled out from the network")
                    .traffic("SNMP v2c GET without an answer").build()));
    }
}
