package dev.starprobe.report.diff;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.report.RequirementRollup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two reports for nightly regression runs. Devices are matched by identity (the MAC when a
 * report knows it), then by address for those left over; findings by check, service (transport and
 * port) and title; services by transport and port. Banners are not compared: they carry clocks and
 * session ids that change every night.
 */
public final class ReportDiff {
    static final String TLS_PREFIX = "tls.";

    public DiffResult diff(String baselineName, ScanReport baseline, String currentName, ScanReport current) {
        List<DiffResult.DeviceDiff> out = new ArrayList<>();
        Map<DeviceResult, DeviceResult> pairs = match(baseline.devices(), current.devices());
        for (DeviceResult b : baseline.devices()) {
            DeviceResult c = pairs.get(b);
            out.add(c == null ? missing(b) : compare(b, c));
        }
        for (DeviceResult c : current.devices()) {
            if (!pairs.containsValue(c)) out.add(added(c));
        }
        DiffResult.Summary s = new DiffResult.Summary(
                sum(out, d -> d.newFails().size()), sum(out, d -> d.fixed().size()), sum(out, d -> d.noLongerDecided().size()),
                sum(out, d -> d.opened().size()), sum(out, d -> d.closed().size()), sum(out, d -> d.changed().size()),
                sum(out, d -> d.certificates().size()),
                (int) out.stream().filter(d -> d.presence() == DiffResult.Presence.NEW).count(),
                (int) out.stream().filter(d -> d.presence() == DiffResult.Presence.MISSING).count());
        return new DiffResult(baselineName, currentName, out.stream().anyMatch(DiffResult.DeviceDiff::regressed), s, out);
    }

    private static int sum(List<DiffResult.DeviceDiff> ds, java.util.function.ToIntFunction<DiffResult.DeviceDiff> f) {
        return ds.stream().mapToInt(f).sum();
    }

    /** Identity first, so a device that moved address is still itself; then address. */
    static Map<DeviceResult, DeviceResult> match(List<DeviceResult> before, List<DeviceResult> after) {
        Map<DeviceResult, DeviceResult> pairs = new LinkedHashMap<>();
        List<DeviceResult> left = new ArrayList<>(after);
        for (DeviceResult b : before) {
            for (DeviceResult a : left) {
                if (a.device().id().equals(b.device().id())) {
                    pairs.put(b, a);
                    left.remove(a);
                    break;
                }
            }
        }
        for (DeviceResult b : before) {
            if (pairs.containsKey(b)) continue;
            for (DeviceResult a : left) {
                if (a.device().address().equals(b.device().address())) {
                    pairs.put(b, a);
                    left.remove(a);
                    break;
                }
            }
        }
        return pairs;
    }

    private static DiffResult.DeviceDiff compare(DeviceResult b, DeviceResult c) {
        Map<String, List<Finding>> fb = byKey(b.findings());
        Map<String, List<Finding>> fc = byKey(c.findings());
        List<DiffResult.FindingChange> newFails = new ArrayList<>();
        List<DiffResult.FindingChange> fixed = new ArrayList<>();
        List<DiffResult.FindingChange> undecided = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(fb.keySet());
        keys.addAll(fc.keySet());
        for (String k : keys) {
            Verdict before = RequirementRollup.worst(fb.getOrDefault(k, List.of()));
            Verdict after = RequirementRollup.worst(fc.getOrDefault(k, List.of()));
            Finding sample = fc.containsKey(k) ? fc.get(k).get(0) : fb.get(k).get(0);
            DiffResult.FindingChange ch = new DiffResult.FindingChange(sample.checkId(), service(sample), sample.title(),
                    before == null ? null : before.name(), after == null ? null : after.name(), sample.reason());
            if (after == Verdict.FAIL && before != Verdict.FAIL) newFails.add(ch);
            else if (before == Verdict.FAIL && (after == Verdict.PASS || after == Verdict.NOT_APPLICABLE)) fixed.add(ch);
            else if (before == Verdict.FAIL && after != Verdict.FAIL) undecided.add(ch);
        }
        Map<String, Service> sb = services(b);
        Map<String, Service> sc = services(c);
        List<DiffResult.ServiceChange> opened = new ArrayList<>();
        List<DiffResult.ServiceChange> closed = new ArrayList<>();
        List<DiffResult.ServiceChange> changed = new ArrayList<>();
        List<DiffResult.CertificateChange> certs = new ArrayList<>();
        TreeSet<String> ports = new TreeSet<>(sb.keySet());
        ports.addAll(sc.keySet());
        for (String p : ports) {
            Service x = sb.get(p);
            Service y = sc.get(p);
            if (x == null) opened.add(new DiffResult.ServiceChange(p, null, describe(y)));
            else if (y == null) closed.add(new DiffResult.ServiceChange(p, describe(x), null));
            else {
                if (!describe(x).equals(describe(y))) changed.add(new DiffResult.ServiceChange(p, describe(x), describe(y)));
                certs.addAll(certificates(p, x, y));
            }
        }
        return new DiffResult.DeviceDiff(c.device().id(), c.device().address().getHostAddress(), name(c),
                DiffResult.Presence.BOTH, firmware(b), firmware(c), newFails, fixed, undecided, opened, closed, changed, certs);
    }

    private static DiffResult.DeviceDiff missing(DeviceResult b) {
        return new DiffResult.DeviceDiff(b.device().id(), b.device().address().getHostAddress(), name(b),
                DiffResult.Presence.MISSING, firmware(b), null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A new device: its FAILs are new and its services newly open only if it was not there before, which is the point. */
    private static DiffResult.DeviceDiff added(DeviceResult c) {
        List<DiffResult.FindingChange> fails = c.findings().stream().filter(f -> f.verdict() == Verdict.FAIL)
                .map(f -> new DiffResult.FindingChange(f.checkId(), service(f), f.title(), null, "FAIL", f.reason())).toList();
        return new DiffResult.DeviceDiff(c.device().id(), c.device().address().getHostAddress(), name(c),
                DiffResult.Presence.NEW, null, firmware(c), fails, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Map<String, List<Finding>> byKey(List<Finding> fs) {
        Map<String, List<Finding>> m = new TreeMap<>();
        for (Finding f : fs) {
            m.computeIfAbsent(f.checkId() + "|" + service(f) + "|" + Objects.toString(f.title(), ""), k -> new ArrayList<>()).add(f);
        }
        return m;
    }

    private static String service(Finding f) {
        return f.service() == null ? "device" : f.service().port() + "/" + f.service().transport().name().toLowerCase();
    }

    private static Map<String, Service> services(DeviceResult d) {
        Map<String, Service> m = new TreeMap<>();
        for (Service s : d.services()) m.put(s.port() + "/" + s.transport().name().toLowerCase(), s);
        return m;
    }

    private static String describe(Service s) {
        StringBuilder sb = new StringBuilder(s.protocol() == null ? "unidentified" : s.protocol());
        if (s.tls()) sb.append(" over TLS");
        if (s.product() != null) sb.append(' ').append(s.product());
        if (s.version() != null) sb.append(' ').append(s.version());
        return sb.toString();
    }

    private static List<DiffResult.CertificateChange> certificates(String port, Service x, Service y) {
        TreeSet<String> keys = new TreeSet<>();
        x.attributes().keySet().stream().filter(k -> k.startsWith(TLS_PREFIX)).forEach(keys::add);
        y.attributes().keySet().stream().filter(k -> k.startsWith(TLS_PREFIX)).forEach(keys::add);
        List<DiffResult.CertificateChange> out = new ArrayList<>();
        for (String k : keys) {
            String a = x.attributes().get(k);
            String b = y.attributes().get(k);
            if (!Objects.equals(a, b)) out.add(new DiffResult.CertificateChange(port, k, a, b));
        }
        return out;
    }

    private static String firmware(DeviceResult d) {
        return d.inventory() == null ? null : d.inventory().firmware();
    }

    private static String name(DeviceResult d) {
        if (d.inventory() != null) return d.inventory().name();
        return d.device().names().isEmpty() ? null : d.device().names().get(0);
    }
}
