package dev.starprobe.cli;

import dev.starprobe.model.ScanReport;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.JUnitReport;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.RequirementRollup;
import dev.starprobe.report.html.HtmlReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, description = {"Render a report.json (e.g. a merged one) as HTML and JUnit XML and print its summary.",
        "Without options both are written next to it: NAME.html and NAME.junit.xml."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPORT.json")
    Path input;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the JUnit XML report here.")
    Path junit;

    @Override
    public Integer call() throws IOException {
        ScanReport report = DiffCommand.read(input);
        List<Path> written = new ArrayList<>();
        RequirementRollup rollup = new RequirementRollup(RequirementCatalogue.builtIn());
        if (html == null && junit == null) {
            html = sibling(input, ".html");
            junit = sibling(input, ".junit.xml");
        }
        if (html != null) written.add(new HtmlReport(rollup).write(report, html, linkPrefix(html, input)));
        if (junit != null) written.add(new JUnitReport(rollup).write(report, junit));
        Summary.print(report, spec.commandLine().getOut());
        written.forEach(p -> spec.commandLine().getOut().println("wrote " + p.toAbsolutePath()));
        return Main.OK;
    }

    /** Writes a report as JSON plus its HTML and JUnit renderings next to it. */
    static List<Path> render(ScanReport report, Path json) throws IOException {
        JsonReport.writeFile(report, json);
        RequirementRollup rollup = new RequirementRollup(RequirementCatalogue.builtIn());
        Path html = new HtmlReport(rollup).write(report, sibling(json, ".html"), "");
        Path junit = new JUnitReport(rollup).write(report, sibling(json, ".junit.xml"));
        return List.of(json, html, junit);
    }

    static Path sibling(Path json, String ext) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.toAbsolutePath().resolveSibling(stem + ext);
    }

    /** How the HTML file reaches the report's directory, for evidence links ("" when they are the same). */
    static String linkPrefix(Path html, Path json) {
        Path from = html.toAbsolutePath().normalize().getParent();
        Path to = json.toAbsolutePath().normalize().getParent();
        String rel = from.relativize(to).toString().replace('\\', '/');
        return rel.isEmpty() ? "" : rel + "/";
    }
}
