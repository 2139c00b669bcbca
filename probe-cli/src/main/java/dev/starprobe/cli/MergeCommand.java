package dev.starprobe.cli;

import dev.starprobe.model.ScanReport;
import dev.starprobe.report.ReportMerge;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true, description = {"Join the shard reports of one inventory (scan --shard K/N) into one report.",
        "Writes the merged JSON with its HTML and JUnit renderings next to it; evidence stays in the shard",
        "directories and is linked relative to the merged report. Exit 0 on success whatever the verdicts",
        "(gate the pipeline with the shard jobs or with diff), 2 on unreadable or overlapping input."})
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD.json", description = "Shard reports.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MERGED.json", description = "The merged report to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<ReportMerge.Part> parts = new ArrayList<>();
        for (Path p : inputs) parts.add(new ReportMerge.Part(p, DiffCommand.read(p)));
        ScanReport merged = new ReportMerge().merge(parts, out);
        List<Path> written = ReportCommand.render(merged, out);
        var w = spec.commandLine().getOut();
        w.printf("merged %d report(s), %d device(s)%s%n", parts.size(), merged.devices().size(),
                merged.parameters().shards().isEmpty() ? "" : ", shards " + String.join(", ", merged.parameters().shards()));
        merged.warnings().stream().filter(s -> !s.startsWith("[")).forEach(s -> w.println("warning: " + s));
        written.forEach(p -> w.println("wrote " + p.toAbsolutePath()));
        return Main.OK;
    }
}
