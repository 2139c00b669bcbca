package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "checks", description = "List installed checks with the requirements they serve and their safety class.")
final class ChecksCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--plugins", description = "Folder of plugin jars (default: ${DEFAULT-VALUE}).", defaultValue = "plugins")
    Path plugins;

    @Override
    public Integer call() {
        Probe probe = Probe.load(plugins);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %-10s %-8s %-30s %s%n", "CHECK", "SAFETY", "LEVEL", "REQUIREMENTS", "TITLE");
        for (Check c : probe.plugins().checks()) {
            CheckDescriptor d = c.descriptor();
            out.printf("%-32s %-10s %-8s %-30s %s%n", d.id(), d.safety(), d.level(), String.join(",", d.requirements()), d.title());
        }
        out.printf("%d checks, %d service probes, %d classifiers, %d discoverers%s%n", probe.plugins().checks().size(),
                probe.plugins().probes().size(), probe.plugins().classifiers().size(), probe.plugins().discoverers().size(),
                probe.plugins().jars().isEmpty() ? "" : " (plugin jars: " + probe.plugins().jars() + ")");
        return Main.OK;
    }
}
