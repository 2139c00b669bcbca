package dev.starprobe.cli;

import dev.starprobe.evidence.EvidenceVerifier;
import dev.starprobe.model.ScanReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, description = {"Check a report's evidence: every file a finding points at exists, has the stated",
        "SHA-256, and is listed with it in its evidence/MANIFEST.sha256. Exit 0 when intact, 1 when not, 2 on unreadable input."})
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPORT.json")
    Path input;

    @Override
    public Integer call() {
        ScanReport report = DiffCommand.read(input);
        List<String> problems = new EvidenceVerifier().verify(report, input.toAbsolutePath().getParent());
        var out = spec.commandLine().getOut();
        long refs = report.devices().stream().flatMap(d -> d.findings().stream()).flatMap(f -> f.evidence().stream())
                .filter(e -> e.path() != null).count();
        problems.forEach(p -> out.println("BAD " + dev.starprobe.report.PlainText.safe(p)));
        out.printf("%d evidence reference(s) checked, %d problem(s)%n", refs, problems.size());
        return problems.isEmpty() ? Main.OK : Main.FAILED;
    }
}
