package dev.starprobe.report.html;

import dev.starprobe.model.Classification;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.report.RequirementRollup;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One device: identity, classification with its evidence, services, the STAR-1 table, runs that did not complete. */
final class DeviceSection {
    private final Html h;
    private final String linkPrefix;

    DeviceSection(Html h, String linkPrefix) {
        this.h = h;
        this.linkPrefix = linkPrefix;
    }

    void render(RequirementRollup.DeviceRollup r) {
        DeviceResult d = r.device();
        h.raw("<section class=\"device\" id=\"").raw(DeviceLabel.anchor(d)).raw("\">");
        h.raw("<h2>").t(DeviceLabel.of(d)).raw(" <span class=\"meta\">").t(d.device().address().getHostAddress()).raw("</span></h2>");
        identity(d);
        classification(d.classification());
        services(d);
        requirements(r);
        elsewhere(r.elsewhere());
        notCompleted(d.executions());
        h.raw("</section>");
    }

    private void identity(DeviceResult d) {
        h.raw("<dl class=\"facts\">");
        fact("id", d.device().id());
        fact("address", d.device().address().getHostAddress());
        if (d.device().mac() != null) fact("MAC", d.device().mac());
        if (!d.device().names().isEmpty()) fact("names", String.join(", ", d.device().names()));
        Map<String, String> hints = new TreeMap<>(d.device().hints());
        hints.forEach((k, v) -> fact(k, v));
        InventoryEntry dec = d.inventory();
        if (dec != null) {
            fact("inventory", dec.name() + " in " + dec.source());
            fact("firmware (declared)", dec.firmware() == null ? "not declared" : dec.firmware());
            if (!dec.credentials().isEmpty()) fact("credentials supplied", String.join(", ", dec.credentials()));
            if (!dec.allowedSafety().isEmpty()) fact("impact allowed beyond SAFE", String.join(", ", dec.allowedSafety()));
        }
        h.raw("</dl>");
    }

    private void classification(Classification c) {
        h.el("h3", "Category and recommended level");
        h.raw("<dl class=\"facts\">");
        fact("category", c.category().name() + (c.overridden() ? " (set in the inventory)" : ""));
        fact("confidence", String.format(Locale.ROOT, "%.2f", c.confidence()));
        fact("recommended level", c.level().name().replace('_', '-'));
        h.raw("</dl>");
        h.raw("<table><tr><th>evidence for the category</th><th>reasons for the level</th></tr><tr><td>");
        list(c.evidence());
        h.raw("</td><td>");
        list(c.levelReasons());
        h.raw("</td></tr></table>");
    }

    private void services(DeviceResult d) {
        h.el("h3", "Open services");
        if (d.services().isEmpty()) {
            h.el("p", "muted", "No open service was found on the scanned ports.");
        } else {
            List<String> declared = d.inventory() == null ? null : d.inventory().services();
            h.raw("<table><tr><th>port</th><th>protocol</th><th>TLS</th><th>product / version</th><th>banner</th><th>attributes</th>")
                    .raw(declared == null ? "" : "<th>declared</th>").raw("</tr>");
            for (Service s : d.services()) {
                String key = s.transport().name().toLowerCase(Locale.ROOT) + "/" + s.port();
                h.raw("<tr><td>").t(s.port() + "/" + s.transport().name().toLowerCase(Locale.ROOT)).raw("</td><td>")
                        .t(s.protocol() == null ? "unidentified" : s.protocol()).raw("</td><td>").t(s.tls() ? "yes" : "no")
                        .raw("</td><td>").t(join(s.product(), s.version())).raw("</td><td><code>").t(s.banner())
                        .raw("</code></td><td>");
                attributes(s.attributes());
                h.raw("</td>");
                if (declared != null) {
                    if (declared.contains(key)) h.raw("<td>yes</td>");
                    else h.raw("<td class=\"undeclared\">not declared</td>");
                }
                h.raw("</tr>");
            }
            h.raw("</table>");
        }
        if (d.inventory() != null) {
            List<String> missing = d.inventory().services().stream().filter(k -> d.services().stream()
                    .noneMatch(s -> (s.transport().name().toLowerCase(Locale.ROOT) + "/" + s.port()).equals(k))).toList();
            if (!missing.isEmpty()) {
                h.el("p", "muted", "Declared but not found open: " + String.join(", ", missing)
                        + " (closed, filtered, or outside the scanned ports).");
            }
        }
    }

    private void requirements(RequirementRollup.DeviceRollup r) {
        h.el("h3", "STAR-1 requirements");
        h.raw("<table><tr><th>item</th><th>requirement</th><th>verdict</th><th>findings and evidence</th></tr>");
        for (RequirementRollup.Row row : r.star1()) {
            h.raw("<tr><td class=\"id\">").t(row.requirement().id()).raw("</td><td>").t(row.title());
            if (!row.requirement().en303645().isEmpty()) {
                h.raw("<div class=\"meta\">EN 303 645 ").t(String.join(", ", row.requirement().en303645())).raw("</div>");
            }
            h.raw("</td><td><span class=\"badge ").raw(Palette.css(row)).raw("\">").t(row.label()).raw("</span></td><td>");
            if (row.findings().isEmpty()) h.el("span", "muted", Palette.describe(row));
            else findings(row.findings());
            h.raw("</td></tr>");
        }
        h.raw("</table>");
    }

    private void elsewhere(List<Finding> fs) {
        if (fs.isEmpty()) return;
        h.el("h3", "Findings outside STAR-1");
        h.el("p", "muted", "These cite EN 303 645 provisions that no STAR-1 item is mapped to, or no requirement at all.");
        findings(fs);
    }

    private void findings(List<Finding> fs) {
        h.raw("<ul class=\"findings\">");
        for (Finding f : fs) {
            h.raw("<li><span class=\"badge ").raw(Palette.css(f.verdict())).raw("\">").t(f.verdict()).raw("</span> ")
                    .raw("<span class=\"mono\">").t(f.checkId()).raw("</span>")
                    .t(f.service() == null ? "" : " · " + f.service())
                    .t(f.severity() == null ? "" : " · " + f.severity())
                    .raw("<div>").t(f.title() == null ? "" : f.title() + ": ").t(f.reason()).raw("</div>");
            h.raw("<div class=\"meta\">cites ").t(String.join(", ", f.requirements())).raw("</div>");
            evidence(f.evidence());
            h.raw("</li>");
        }
        h.raw("</ul>");
    }

    private void evidence(List<EvidenceRef> refs) {
        if (refs.isEmpty()) {
            h.el("div", "meta", "no evidence attached");
            return;
        }
        h.raw("<ul class=\"evidence\">");
        for (EvidenceRef e : refs) {
            h.raw("<li>").el("strong", e.kind()).raw(" ");
            String href = Html.href(linkPrefix, e.path());
            if (href != null) h.raw("<a href=\"").t(href).raw("\">").t(e.path()).raw("</a>");
            else if (e.path() != null) h.raw("<span class=\"mono\">").t(e.path()).raw("</span>");
            if (e.range() != null) h.raw(" <span class=\"mono\">").t(e.range()).raw("</span>");
            if (e.sha256() != null) h.raw(" <span class=\"meta\" title=\"").t("sha256 " + e.sha256()).raw("\">sha256 ")
                    .t(e.sha256().substring(0, Math.min(12, e.sha256().length()))).raw("…</span>");
            if (e.note() != null) h.raw("<div class=\"meta\">").t(e.note()).raw("</div>");
            h.raw("</li>");
        }
        h.raw("</ul>");
    }

    private void notCompleted(List<ExecutionRecord> runs) {
        List<ExecutionRecord> odd = runs.stream().filter(e -> e.status() != ExecutionStatus.COMPLETED).toList();
        h.el("h3", "Check runs");
        long completed = runs.size() - odd.size();
        h.el("p", "muted", completed + " of " + runs.size() + " check runs completed."
                + (odd.isEmpty() ? "" : " The others did not, for these reasons:"));
        if (odd.isEmpty()) return;
        h.raw("<table><tr><th>check</th><th>service</th><th>status</th><th>why</th></tr>");
        for (ExecutionRecord e : odd) {
            h.raw("<tr><td class=\"mono\">").t(e.checkId()).raw("</td><td>").t(e.service() == null ? "device" : e.service())
                    .raw("</td><td>").t(e.status() + (e.failure() == null ? "" : " " + e.failure())).raw("</td><td>")
                    .t(e.detail()).raw("</td></tr>");
        }
        h.raw("</table>");
    }

    private void fact(String k, String v) {
        h.el("dt", k).el("dd", v);
    }

    private void list(List<String> items) {
        if (items.isEmpty()) {
            h.el("span", "muted", "none");
            return;
        }
        h.raw("<ul>");
        for (String s : items) h.el("li", s);
        h.raw("</ul>");
    }

    private void attributes(Map<String, String> attrs) {
        if (attrs.isEmpty()) return;
        h.raw("<div class=\"mono\">");
        new TreeMap<>(attrs).forEach((k, v) -> h.t(k + " = " + v).raw("<br>"));
        h.raw("</div>");
    }

    private static String join(String a, String b) {
        if (a == null) return b == null ? "" : b;
        return b == null ? a : a + " " + b;
    }
}
