package dev.starprobe.report;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanParameters;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.ScopeRefusal;
import dev.starprobe.inventory.Shard;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Joins the reports of the shards of one inventory into one report. Evidence stays where each shard
 * wrote it; its paths are rewritten relative to the merged report, so links and hashes keep working
 * as long as the shard directories sit where they were when merged.
 */
public final class ReportMerge {

    /** One input: a report and the file it was read from (its directory anchors its evidence paths). */
    public record Part(Path file, ScanReport report) {
    }

    /**
     * @param output where the merged report will be written
     * @throws IllegalArgumentException naming the files when the parts cannot be one farm's shards
     */
    public ScanReport merge(List<Part> parts, Path output) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        Path outDir = output.toAbsolutePath().normalize().getParent();
        List<String> warnings = new ArrayList<>();
        Map<String, Path> owner = new HashMap<>();
        List<DeviceResult> devices = new ArrayList<>();
        List<ScopeRefusal> refusals = new ArrayList<>();
        Map<String, Long> stages = new LinkedHashMap<>();
        TreeSet<String> targets = new TreeSet<>();
        TreeSet<String> scope = new TreeSet<>();
        List<String> shards = new ArrayList<>();
        ScanReport first = parts.get(0).report();
        Instant start = first.startedAt();
        Instant end = first.finishedAt();
        for (Part p : parts) {
            ScanReport r = p.report();
            if (!major(r.schemaVersion()).equals(major(first.schemaVersion()))) {
                throw new IllegalArgumentException(p.file() + " has schema " + r.schemaVersion() + ", " + parts.get(0).file()
                        + " has " + first.schemaVersion() + ": reports of different major versions cannot be merged");
            }
            sameRun(parts.get(0), p, warnings);
            String label = r.parameters().shards().isEmpty() ? p.file().getFileName().toString()
                    : "shard " + String.join("+", r.parameters().shards());
            for (String w : r.warnings()) warnings.add("[" + label + "] " + w);
            for (DeviceResult d : r.devices()) {
                for (String key : List.of("id " + d.device().id(), "address " + d.device().address().getHostAddress())) {
                    Path prev = owner.putIfAbsent(key, p.file());
                    if (prev != null) {
                        throw new IllegalArgumentException("device with " + key + " is in both " + prev + " and " + p.file()
                                + ": shards of one inventory never overlap");
                    }
                }
                devices.add(relocate(d, p.file().toAbsolutePath().normalize().getParent(), outDir));
            }
            refusals.addAll(r.scopeRefusals());
            r.stageMillis().forEach((k, v) -> stages.merge(k, v, k.equals("total") ? Math::max : Long::sum));
            targets.addAll(r.parameters().targets());
            scope.addAll(r.parameters().scope());
            shards.addAll(r.parameters().shards());
            if (r.startedAt().isBefore(start)) start = r.startedAt();
            if (r.finishedAt().isAfter(end)) end = r.finishedAt();
        }
        warnings.addAll(shardCoverage(shards));
        devices.sort(Comparator.comparing(d -> new BigInteger(1, d.device().address().getAddress())));
        refusals.sort(Comparator.comparing(ScopeRefusal::at));
        ScanParameters params = first.parameters().withTargetsAndScope(List.copyOf(targets), List.copyOf(scope))
                .withInventory(first.parameters().inventory(), sortShards(shards));
        return new ScanReport(first.schemaVersion(), first.tool(), start, end, params, devices, refusals, stages, warnings);
    }

    private static String major(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    /** Shards of one nightly run share inventory, profile, ports and impact classes; say so when they do not. */
    private static void sameRun(Part a, Part b, List<String> warnings) {
        ScanParameters x = a.report().parameters();
        ScanParameters y = b.report().parameters();
        compare("inventory", x.inventory(), y.inventory(), a, b, warnings);
        compare("profile", x.profile(), y.profile(), a, b, warnings);
        compare("ports", x.ports(), y.ports(), a, b, warnings);
        compare("allowed impact classes", x.allowedSafety(), y.allowedSafety(), a, b, warnings);
    }

    private static void compare(String what, Object x, Object y, Part a, Part b, List<String> warnings) {
        if (!Objects.equals(x, y)) {
            warnings.add("merged reports differ in " + what + ": " + a.file().getFileName() + " has " + x + ", "
                    + b.file().getFileName() + " has " + y);
        }
    }

    private static List<String> shardCoverage(List<String> shards) {
        if (shards.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        TreeSet<Integer> counts = new TreeSet<>();
        TreeSet<Integer> have = new TreeSet<>();
        for (String s : shards) {
            Shard sh = Shard.parse(s);
            counts.add(sh.count());
            if (!have.add(sh.index())) throw new IllegalArgumentException("shard " + s + " is given twice");
        }
        if (counts.size() > 1) {
            out.add("merged shards come from different splits (N = " + counts + ")");
        } else {
            int n = counts.first();
            List<String> missing = new ArrayList<>();
            for (int k = 1; k <= n; k++) if (!have.contains(k)) missing.add(k + "/" + n);
            if (!missing.isEmpty()) out.add("incomplete merge: shard(s) " + String.join(", ", missing) + " missing, their devices are not in this report");
        }
        return out;
    }

    private static List<String> sortShards(List<String> shards) {
        return shards.stream().map(Shard::parse).sorted(Comparator.comparingInt(Shard::count).thenComparingInt(Shard::index))
                .map(Shard::toString).toList();
    }

    private static DeviceResult relocate(DeviceResult d, Path from, Path to) {
        if (from.equals(to)) return d;
        List<Finding> fs = new ArrayList<>();
        for (Finding f : d.findings()) {
            List<EvidenceRef> refs = new ArrayList<>();
            for (EvidenceRef e : f.evidence()) {
                refs.add(e.path() == null ? e : new EvidenceRef(e.kind(),
                        to.relativize(from.resolve(e.path()).normalize()).toString().replace('\\', '/'), e.sha256(), e.range(), e.note()));
            }
            fs.add(new Finding(f.checkId(), f.title(), f.requirements(), f.verdict(), f.severity(), f.reason(), f.service(), refs));
        }
        return d.withFindings(fs);
    }
}
