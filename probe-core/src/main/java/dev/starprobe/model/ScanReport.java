package dev.starprobe.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical result of one scan. Every other report format is rendered from this.
 *
 * @param schemaVersion version of docs/report.schema.json this instance follows
 * @param tool          tool name and version
 * @param startedAt     scan start
 * @param finishedAt    scan end
 * @param parameters    what the scan was asked to do
 * @param devices       per-device results
 * @param scopeRefusals what the scope guard refused
 * @param stageMillis   wall time per pipeline stage
 * @param warnings      anything the user must know about the run itself (e.g. evidence not captured)
 */
public record ScanReport(String schemaVersion, Map<String, String> tool, Instant startedAt, Instant finishedAt,
                         ScanParameters parameters, List<DeviceResult> devices, List<ScopeRefusal> scopeRefusals,
                         Map<String, Long> stageMillis, List<String> warnings) {
    public static final String SCHEMA_VERSION = "1.0";

    public ScanReport {
        devices = List.copyOf(devices);
        scopeRefusals = List.copyOf(scopeRefusals);
        stageMillis = Map.copyOf(stageMillis);
        warnings = List.copyOf(warnings);
    }

    public ScanReport withParameters(ScanParameters p) {
        return new ScanReport(schemaVersion, tool, startedAt, finishedAt, p, devices, scopeRefusals, stageMillis, warnings);
    }

    /** This report with more warnings appended (what the user must know about the run). */
    public ScanReport withMoreWarnings(List<String> more) {
        var all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new ScanReport(schemaVersion, tool, startedAt, finishedAt, parameters, devices, scopeRefusals, stageMillis, all);
    }

    public boolean hasFail() {
        return devices.stream().anyMatch(DeviceResult::hasFail);
    }
}
