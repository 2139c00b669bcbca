package dev.starprobe.report.html;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.ScopeRefusal;
import dev.starprobe.policy.Requirement;
import dev.starprobe.report.RequirementRollup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The report for people: one self-contained HTML file rendered from the canonical {@link ScanReport}.
 * Styles and pictures are inline (CSS grid, SVG); there is no script, and a Content-Security-Policy
 * forbids the page any fetch, so opening it contacts nothing, whatever a device put into its banners.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "report.html";
    private static final String CSS = css();

    private final RequirementRollup rollup;

    public HtmlReport(RequirementRollup rollup) {
        this.rollup = rollup;
    }

    /**
     * Writes the page (atomically).
     *
     * @param linkPrefix how the page reaches the report directory ("" when it lies inside it), for evidence links
     */
    public Path write(ScanReport report, Path file, String linkPrefix) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
            render(report, w, linkPrefix);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    public void render(ScanReport report, Appendable out, String linkPrefix) {
        Html h = new Html(out);
        List<RequirementRollup.DeviceRollup> rolled = report.devices().stream().map(rollup::of).toList();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<title>StarProbe report</title><style>").raw(CSS).raw("</style></head><body>");
        header(h, report, rolled);
        h.raw("<main>");
        h.el("h2", "STAR-1 verdicts across the devices");
        FarmMatrix.render(h, rolled);
        h.el("h2", "Open services");
        ServiceMap.render(h, report.devices());
        h.el("h2", "Devices");
        DeviceSection section = new DeviceSection(h, linkPrefix);
        for (RequirementRollup.DeviceRollup r : rolled) section.render(r);
        untestable(h);
        run(h, report);
        h.raw("</main><footer>");
        h.t("Rendered from report.json (schema " + report.schemaVersion() + ") by " + report.tool().getOrDefault("name", "StarProbe")
                + " " + report.tool().getOrDefault("version", "") + "; requirement catalogue " + rollup.catalogue().version() + ".");
        h.raw("</footer></body></html>\n");
    }

    private static void header(Html h, ScanReport report, List<RequirementRollup.DeviceRollup> rolled) {
        h.raw("<header>").el("h1", "StarProbe: JC-STAR STAR-1 network pre-test");
        h.raw("<p class=\"meta\">").t(report.startedAt() + " – " + report.finishedAt() + " · " + report.devices().size()
                + " device(s) · profile " + report.parameters().profile() + " · ports " + report.parameters().ports()
                + (report.parameters().inventory() == null ? "" : " · inventory " + report.parameters().inventory())
                + (report.parameters().shards().isEmpty() ? "" : " · shards " + String.join(", ", report.parameters().shards())))
                .raw("</p>");
        long failing = rolled.stream().filter(r -> !r.with(dev.starprobe.model.Verdict.FAIL).isEmpty()).count();
        h.raw("<p>").t(failing + " of " + rolled.size() + " device(s) fail at least one STAR-1 item on the interfaces tested.").raw("</p>");
        h.raw("<p class=\"statement\">").t("A probe result supports a manufacturer's JC-STAR self-declaration; it is not an IPA verdict."
                + " It covers only what a network probe can observe on the interfaces and ports tested, in the device's"
                + " current state (factory default or not).").raw("</p></header>");
    }

    private void untestable(Html h) {
        h.el("h2", "What a network probe cannot test");
        h.el("p", "STAR-1 items that need documents or processes, or whose text is unknown, are listed here rather"
                + " than guessed. They need the manufacturer's own evidence.");
        h.raw("<table><tr><th>item</th><th>requirement</th><th>why the probe cannot decide it</th></tr>");
        for (Requirement r : rollup.catalogue().notNetworkTestable()) {
            h.raw("<tr><td class=\"id\">").t(r.id()).raw("</td><td>")
                    .t(r.known() ? r.title() : "not mapped (requirement text unknown)").raw("</td><td>")
                    .t(r.known() ? "needs documents or processes (network-testable: " + r.networkTestable() + ")"
                            : "the item exists, but its text was not found; nothing is claimed about it")
                    .raw("</td></tr>");
        }
        h.raw("</table>");
    }

    private static void run(Html h, ScanReport report) {
        h.el("h2", "About this run");
        if (!report.warnings().isEmpty()) {
            h.el("h3", "Warnings");
            h.raw("<ul>");
            for (String w : report.warnings()) h.el("li", w);
            h.raw("</ul>");
        }
        if (!report.scopeRefusals().isEmpty()) {
            h.el("h3", "Refused by the scope guard");
            h.raw("<table><tr><th>when</th><th>address</th><th>asked by</th><th>why</th></tr>");
            for (ScopeRefusal r : report.scopeRefusals()) {
                h.raw("<tr><td>").t(r.at()).raw("</td><td>").t(r.address()).raw("</td><td>").t(r.requestedBy())
                        .raw("</td><td>").t(r.reason()).raw("</td></tr>");
            }
            h.raw("</table>");
        }
        var p = report.parameters();
        h.raw("<dl class=\"facts\">");
        h.el("dt", "targets").el("dd", String.join(", ", p.targets()));
        h.el("dt", "scope").el("dd", String.join(", ", p.scope()));
        h.el("dt", "impact classes allowed").el("dd", String.join(", ", p.allowedSafety()));
        h.el("dt", "politeness").el("dd", p.maxConnectionsPerDevice() + " connections per device at once, "
                + (p.connectionsPerSecondPerDevice() <= 0 ? "unlimited" : p.connectionsPerSecondPerDevice()) + " new per second");
        h.raw("</dl>");
        int devicesWithoutServices = (int) report.devices().stream().map(DeviceResult::services).filter(List::isEmpty).count();
        if (devicesWithoutServices > 0) h.el("p", "muted", devicesWithoutServices + " device(s) had no open service on the scanned ports.");
    }

    private static String css() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) throw new IllegalStateException("missing report.css");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
