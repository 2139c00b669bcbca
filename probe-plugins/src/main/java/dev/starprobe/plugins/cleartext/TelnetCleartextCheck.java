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
 * Telnet carries logins and whole sessions in cleartext. The check re-reads the service's opening
 * bytes so the FAIL is backed by a transcript of the device speaking Telnet, not by a port number.
 */
public final class TelnetCleartextCheck implements Check {
    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.telnet")
            .title("No Telnet: logins and sessions must not travel in cleartext")
            .requirements("S1.1-12", "EN-5.5-1", "EN-5.5-7")
            .protocols("telnet")
            .timeout(Duration.ofSeconds(15))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public CompletionStage<CheckOutcome> run(CheckContext ctx) {
        int port = ctx.service().orElseThrow().port();
        return ctx.net().tcp(port).thenCompose(s -> s.read(2048, Duration.ofSeconds(3)).handle((bytes, err) -> {
            boolean spoke = err == null && bytes.length > 0;
            s.close();
            var f = spoke
                    ? ctx.finding(Verdict.FAIL, "Telnet is served on port " + port
                            + ": credentials and the session are sent without encryption")
                        .severity(Severity.HIGH)
                    : ctx.finding(Verdict.INCONCLUSIVE, "port " + port + " was identified as Telnet but sent nothing"
                            + " when connected again, so the cleartext login could not be shown");
            return CheckOutcome.completed(f.traffic("Telnet opening exchange on port " + port).build());
        }));
    }
}
