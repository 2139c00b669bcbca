package dev.starprobe.report.html;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The port/service map as inline SVG: devices down, open ports across, each open service a dot coloured
 * by whether its traffic is encrypted, cleartext, other or unidentified.
 */
final class ServiceMap {
    /** wider maps stop being readable; the tables below list everything */
    static final int MAX_COLUMNS = 120;
    private static final int LEFT = 190;
    private static final int TOP = 58;
    private static final int COL = 24;
    private static final int ROW = 22;
    private static final Map<ProtocolClasses.Kind, String> FILL = Map.of(
            ProtocolClasses.Kind.ENCRYPTED, "#2e7d32", ProtocolClasses.Kind.CLEARTEXT, "#c62828",
            ProtocolClasses.Kind.OTHER, "#1565c0", ProtocolClasses.Kind.UNIDENTIFIED, "#90a4ae");

    private record Column(Transport transport, int port) {
        String label() {
            return port + (transport == Transport.UDP ? "u" : "");
        }
    }

    private ServiceMap() {
    }

    static void render(Html h, List<DeviceResult> devices) {
        TreeSet<Column> all = new TreeSet<>(Comparator.comparingInt(Column::port).thenComparing(Column::transport));
        for (DeviceResult d : devices) for (Service s : d.services()) all.add(new Column(s.transport(), s.port()));
        if (all.isEmpty()) {
            h.el("p", "muted", "No open services were found.");
            return;
        }
        List<Column> cols = new ArrayList<>(all).subList(0, Math.min(all.size(), MAX_COLUMNS));
        int width = LEFT + cols.size() * COL + 10;
        int height = TOP + devices.size() * ROW + 10;
        ProtocolClasses classes = ProtocolClasses.builtIn();
        h.raw("<div class=\"svgwrap\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"open services per device\" width=\"")
                .raw(String.valueOf(width)).raw("\" height=\"").raw(String.valueOf(height)).raw("\" viewBox=\"0 0 ")
                .raw(width + " " + height).raw("\" font-family=\"sans-serif\" font-size=\"11\">");
        for (int i = 0; i < cols.size(); i++) {
            int x = LEFT + i * COL + COL / 2;
            h.raw("<text transform=\"translate(" + x + "," + (TOP - 6) + ") rotate(-60)\" fill=\"#5c6770\">")
                    .t(cols.get(i).label()).raw("</text>");
            h.raw("<line x1=\"" + x + "\" y1=\"" + TOP + "\" x2=\"" + x + "\" y2=\"" + (height - 10) + "\" stroke=\"#eef1f3\"/>");
        }
        for (int r = 0; r < devices.size(); r++) {
            DeviceResult d = devices.get(r);
            int y = TOP + r * ROW + ROW / 2;
            h.raw("<text x=\"4\" y=\"" + (y + 4) + "\" fill=\"#1c2329\">").t(clip(DeviceLabel.of(d))).raw("</text>");
            h.raw("<line x1=\"" + LEFT + "\" y1=\"" + y + "\" x2=\"" + (width - 10) + "\" y2=\"" + y + "\" stroke=\"#eef1f3\"/>");
            for (Service s : d.services()) {
                int i = cols.indexOf(new Column(s.transport(), s.port()));
                if (i < 0) continue;
                ProtocolClasses.Kind k = classes.of(s);
                h.raw("<circle cx=\"" + (LEFT + i * COL + COL / 2) + "\" cy=\"" + y + "\" r=\"7\" fill=\"" + FILL.get(k) + "\"><title>")
                        .t(DeviceLabel.of(d) + " " + s.port() + "/" + s.transport().name().toLowerCase()
                                + (s.protocol() == null ? "" : " " + s.protocol()) + (s.tls() ? " (TLS)" : "")
                                + (s.product() == null ? "" : " " + s.product()) + " · " + k.name().toLowerCase())
                        .raw("</title></circle>");
            }
        }
        h.raw("</svg></div>");
        h.raw("<p class=\"legend\"><span><i style=\"background:#2e7d32\"></i>encrypted</span>")
                .raw("<span><i style=\"background:#c62828\"></i>cleartext protocol</span>")
                .raw("<span><i style=\"background:#1565c0\"></i>other</span>")
                .raw("<span><i style=\"background:#90a4ae\"></i>unidentified</span>");
        if (all.size() > cols.size()) {
            h.raw("<span>").t((all.size() - cols.size()) + " further ports are not drawn; the device tables list them").raw("</span>");
        }
        h.raw("</p>");
    }

    private static String clip(String s) {
        return s.length() > 28 ? s.substring(0, 27) + "…" : s;
    }
}
