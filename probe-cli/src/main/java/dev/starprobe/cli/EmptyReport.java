package dev.starprobe.cli;

import dev.starprobe.Version;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.ScanParameters;
import dev.starprobe.model.ScanReport;
import dev.starprobe.spi.Safety;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report of a shard that holds no device (more shards than devices): still written, so that a merge
 * of all shards finds every shard's report and can tell "empty" from "missing".
 */
final class EmptyReport {
    private EmptyReport() {
    }

    static ScanReport of(ScanRequest req, String why) {
        Instant now = Instant.now();
        var n = req.net();
        ScanParameters p = new ScanParameters(List.of(), List.of(), req.ports().toString(), req.profile().name(),
                req.options().allowedSafety().stream().sorted().map(Safety::name).toList(), n.maxInFlightPerDevice(),
                n.perSecondPerDevice(), n.globalMaxInFlight(), n.connectTimeout().toMillis(), n.ioTimeout().toMillis());
        return new ScanReport(ScanReport.SCHEMA_VERSION, Version.toolInfo(), now, now, p, List.of(), List.of(),
                Map.of("total", 0L), List.of(why));
    }
}
