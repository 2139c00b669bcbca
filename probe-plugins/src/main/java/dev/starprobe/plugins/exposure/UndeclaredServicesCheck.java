package dev.starprobe.plugins.exposure;

import dev.starprobe.model.DeviceDeclaration;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.ServiceRef;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.EngineFacts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Declared versus observed interfaces (ETSI TS 103 701's test of EN 303 645 5.6-1): every open port
 * the manufacturer did not declare is a FAIL; a declared service that is not observed is noted.
 */
public final class UndeclaredServicesCheck extends BlockingCheck {
    private static final CheckDescriptor D = CheckDescriptor.builder("exposure.undeclared-services")
            .title("Only the services the manufacturer declares are reachable")
            .requirements("EN-5.6-1")
            .deviceLevel()
            .consumes(EngineFacts.DECLARATION)
            .timeout(Duration.ofSeconds(10))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) {
        var declared = ctx.facts().device(EngineFacts.DECLARATION);
        if (declared.isEmpty()) {
            return CheckOutcome.skipped("no device declaration given (--declaration FILE): observed services cannot be"
                    + " compared with the manufacturer's list");
        }
        DeviceDeclaration decl = declared.get();
        List<Finding> findings = new ArrayList<>();
        for (Service s : ctx.services()) {
            if (decl.declares(s.transport(), s.port())) continue;
            findings.add(ctx.finding(Verdict.FAIL, "open " + s.ref() + " is not in the declaration " + decl.source())
                    .severity(Severity.MEDIUM).service(s.ref())
                    .evidence(ctx.evidence().file("service", "undeclared-" + s.port() + ".txt",
                            ("observed: " + s + "\n").getBytes(StandardCharsets.UTF_8), "what was observed on the port"))
                    .build());
        }
        for (DeviceDeclaration.DeclaredService d : decl.services()) {
            boolean seen = ctx.services().stream().anyMatch(s -> s.transport() == d.transport() && s.port() == d.port());
            if (!seen) {
                findings.add(ctx.finding(Verdict.NOT_APPLICABLE, "declared " + d.port() + "/" + d.transport().name().toLowerCase()
                                + " (" + d.purpose() + ") was not observed: nothing to test there")
                        .service(new ServiceRef(d.transport(), d.port(), d.protocol())).build());
            }
        }
        if (findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL)) return CheckOutcome.completed(findings);
        int observed = ctx.services().size();
        findings.add(ScanCoverage.fullTcp(ctx)
                ? ctx.finding(Verdict.PASS, "all " + observed + " open services are declared in " + decl.source()
                        + " (all TCP ports scanned)").build()
                : ctx.finding(Verdict.INCONCLUSIVE, "all " + observed + " open services found are declared, but only "
                        + ScanCoverage.tcpPortsScanned(ctx) + " TCP ports were scanned (use -p all to decide)").build());
        return CheckOutcome.completed(findings);
    }
}
