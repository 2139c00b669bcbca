package dev.starprobe.report.html;

import dev.starprobe.report.RequirementRollup;

import java.util.List;

/** Verdicts per STAR-1 item across the farm: one row per device, one column per item, as a CSS grid. */
final class FarmMatrix {
    private FarmMatrix() {
    }

    static void render(Html h, List<RequirementRollup.DeviceRollup> devices) {
        if (devices.isEmpty()) {
            h.el("p", "muted", "No devices in this report.");
            return;
        }
        List<RequirementRollup.Row> columns = devices.get(0).star1();
        h.raw("<div class=\"matrix\" role=\"table\" aria-label=\"STAR-1 verdicts per device\" style=\"grid-template-columns: minmax(9em, 16em) repeat("
                + columns.size() + ", minmax(2.2em, 1fr))\">");
        h.raw("<div class=\"head\"></div>");
        for (RequirementRollup.Row c : columns) {
            String id = c.requirement().id();
            h.raw("<div class=\"head\" title=\"").t(id + " " + c.title()).raw("\">").t(id.substring(id.lastIndexOf('-') + 1)).raw("</div>");
        }
        for (RequirementRollup.DeviceRollup d : devices) {
            h.raw("<div class=\"dev\"><a href=\"#").raw(DeviceLabel.anchor(d.device())).raw("\">")
                    .t(DeviceLabel.of(d.device())).raw("</a></div>");
            for (RequirementRollup.Row r : d.star1()) {
                h.raw("<div class=\"cell ").raw(Palette.css(r)).raw("\" title=\"")
                        .t(DeviceLabel.of(d.device()) + " · " + r.requirement().id() + ": " + Palette.describe(r)
                                + (r.findings().isEmpty() ? "" : " (" + r.findings().size() + " findings)"))
                        .raw("\">").t(Palette.code(r)).raw("</div>");
            }
        }
        h.raw("</div>");
        h.raw("<p class=\"legend\">")
                .raw("<span><i class=\"v-fail\"></i>F FAIL</span><span><i class=\"v-error\"></i>E ERROR</span>")
                .raw("<span><i class=\"v-inc\"></i>I INCONCLUSIVE</span><span><i class=\"v-pass\"></i>P PASS</span>")
                .raw("<span><i class=\"v-na\"></i>NA NOT APPLICABLE</span><span><i class=\"v-none\"></i>– not tested, ")
                .raw("doc = not testable over the network, ? = not mapped</span></p>");
    }
}
