package dev.starprobe.report.diff;

import dev.starprobe.report.PlainText;

import java.io.PrintWriter;
import java.util.List;

/**
 * The diff for a terminal or a CI log: regressions first in each device, unchanged devices counted, not
 * listed. Everything that came from a device goes through {@link PlainText#safe}.
 */
public final class DiffText {
    private DiffText() {
    }

    public static void print(DiffResult r, PrintWriter out) {
        out.printf("starprobe diff: %s -> %s%n", r.baseline(), r.current());
        int unchanged = 0;
        for (DiffResult.DeviceDiff d : r.devices()) {
            if (d.unchanged()) {
                unchanged++;
                continue;
            }
            out.printf("%n%s [%s] %s%s%s%n", PlainText.safe(d.name() == null ? d.address() : d.name()), PlainText.safe(d.id()),
                    d.address(), PlainText.safe(firmware(d)),
                    switch (d.presence()) {
                        case NEW -> "  NEW DEVICE";
                        case MISSING -> "  MISSING from the current report";
                        case BOTH -> "";
                    });
            findings(out, "NEW FAIL", d.newFails());
            services(out, "OPENED", d.opened(), true);
            findings(out, "FIXED", d.fixed());
            findings(out, "UNDECIDED", d.noLongerDecided());
            services(out, "CLOSED", d.closed(), false);
            for (DiffResult.ServiceChange s : d.changed()) {
                out.printf("  %-10s %s: %s -> %s%n", "CHANGED", s.service(), PlainText.safe(s.before()), PlainText.safe(s.after()));
            }
            for (DiffResult.CertificateChange c : d.certificates()) {
                out.printf("  %-10s %s %s: %s -> %s%n", "CERT", c.service(), PlainText.safe(c.attribute()),
                        PlainText.safe(none(c.before())), PlainText.safe(none(c.after())));
            }
        }
        if (unchanged > 0) out.printf("%n%d device(s) unchanged%n", unchanged);
        DiffResult.Summary s = r.summary();
        out.printf("%nresult: %s — %d new FAIL(s), %d service(s) opened, %d device(s) missing; %d fixed, %d no longer decided,"
                        + " %d service(s) closed, %d changed, %d certificate attribute(s) changed, %d new device(s)%n",
                r.regressed() ? "REGRESSED" : "no regression", s.newFails(), s.servicesOpened(), s.devicesMissing(), s.fixed(),
                s.noLongerDecided(), s.servicesClosed(), s.servicesChanged(), s.certificatesChanged(), s.devicesNew());
    }

    private static void findings(PrintWriter out, String label, List<DiffResult.FindingChange> fs) {
        for (DiffResult.FindingChange f : fs) {
            out.printf("  %-10s %s %s (%s -> %s): %s%n", label, PlainText.safe(f.checkId()), f.service(), none(f.before()),
                    none(f.after()), PlainText.safe(f.reason()));
        }
    }

    private static void services(PrintWriter out, String label, List<DiffResult.ServiceChange> ss, boolean now) {
        for (DiffResult.ServiceChange s : ss) out.printf("  %-10s %s %s%n", label, s.service(), PlainText.safe(now ? s.after() : s.before()));
    }

    private static String firmware(DiffResult.DeviceDiff d) {
        if (d.firmwareBefore() == null && d.firmwareAfter() == null) return "";
        if (java.util.Objects.equals(d.firmwareBefore(), d.firmwareAfter())) return "  firmware " + d.firmwareAfter();
        return "  firmware " + none(d.firmwareBefore()) + " -> " + none(d.firmwareAfter());
    }

    private static String none(String s) {
        return s == null ? "absent" : s;
    }
}
