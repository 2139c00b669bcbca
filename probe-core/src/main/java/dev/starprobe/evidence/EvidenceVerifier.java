package dev.starprobe.evidence;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a third party runs before trusting a report: every stored piece of evidence a finding points at
 * exists, has the hash the finding states, and is listed with that hash in the evidence manifest of the
 * directory it lies in (merged reports point into several shard directories).
 */
public final class EvidenceVerifier {

    /** @return the problems found, empty when the evidence is intact */
    public List<String> verify(ScanReport report, Path reportDir) {
        List<String> problems = new ArrayList<>();
        Map<Path, Map<String, String>> manifests = new HashMap<>();
        Map<Path, String> hashed = new HashMap<>();
        for (DeviceResult d : report.devices()) {
            for (Finding f : d.findings()) {
                for (EvidenceRef e : f.evidence()) {
                    if (e.path() == null) continue; // "not captured / not stored" is stated, not missing
                    String who = d.device().id() + " " + f.checkId() + ": " + e.path();
                    Path file;
                    try {
                        file = reportDir.resolve(e.path()).normalize();
                    } catch (InvalidPathException x) {
                        problems.add(who + ": not a file path");
                        continue;
                    }
                    if (!Files.isRegularFile(file)) {
                        problems.add(who + ": missing");
                        continue;
                    }
                    String actual = hashed.computeIfAbsent(file, EvidenceVerifier::hash);
                    if (!actual.equals(e.sha256())) problems.add(who + ": sha256 is " + actual + ", the report says " + e.sha256());
                    Path evidenceDir = evidenceRoot(file);
                    if (evidenceDir == null) {
                        problems.add(who + ": not inside an evidence directory");
                        continue;
                    }
                    Map<String, String> m = manifests.computeIfAbsent(evidenceDir, EvidenceVerifier::manifest);
                    String listed = m.get(evidenceDir.relativize(file).toString().replace('\\', '/'));
                    if (listed == null) problems.add(who + ": not listed in " + evidenceDir.resolve("MANIFEST.sha256"));
                    else if (!listed.equals(actual)) problems.add(who + ": the manifest lists sha256 " + listed + ", the file has " + actual);
                }
            }
        }
        return problems;
    }

    private static Path evidenceRoot(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("evidence")) return p;
        }
        return null;
    }

    private static String hash(Path file) {
        try {
            return EvidenceStore.sha256(file);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** sha256sum format: "<hex>  <path relative to the evidence directory>" */
    private static Map<String, String> manifest(Path evidenceDir) {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(evidenceDir.resolve("MANIFEST.sha256"))) {
                int sep = line.indexOf("  ");
                if (sep == 64) m.put(line.substring(sep + 2), line.substring(0, sep));
            }
        } catch (IOException e) {
            // no manifest: every file below is reported as not listed
        }
        return m;
    }
}
