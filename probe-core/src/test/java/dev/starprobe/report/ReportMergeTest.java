package dev.starprobe.report;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportMergeTest {
    private static ScanReport shard(String k, DeviceResult... devices) {
        ScanReport r = ReportFixtures.farm(devices);
        return r.withParameters(r.parameters().withInventory("farm.yaml", List.of(k)));
    }

    @Test
    void joinsShardsSortedByAddressWithEvidencePathsRelativeToTheMergedReport() {
        ScanReport a = shard("2/2", ReportFixtures.cleanPlug());
        ScanReport b = shard("1/2", ReportFixtures.hostileCamera(), ReportFixtures.silent());
        ScanReport m = new ReportMerge().merge(List.of(
                new ReportMerge.Part(Path.of("/ci/shard-2/report.json"), a),
                new ReportMerge.Part(Path.of("/ci/shard-1/report.json"), b)), Path.of("/ci/merged/report.json"));
        assertEquals(List.of("198.18.0.12", "198.18.0.13", "198.18.0.14"),
                m.devices().stream().map(d -> d.device().address().getHostAddress()).toList());
        assertEquals(List.of("1/2", "2/2"), m.parameters().shards());
        assertEquals("../shard-2/evidence/x/0001-cleartext.http-credentials.txt",
                m.devices().get(1).findings().get(0).evidence().get(0).path());
        assertEquals(ReportFixtures.cleanPlug().findings().get(0).evidence().get(0).sha256(),
                m.devices().get(1).findings().get(0).evidence().get(0).sha256(), "hashes are untouched");
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith("[shard 2/2] ")), m.warnings().toString());
        assertTrue(m.warnings().stream().noneMatch(w -> w.contains("incomplete")));
    }

    @Test
    void aMissingShardIsAWarningInTheMergedReport() {
        ScanReport m = new ReportMerge().merge(List.of(new ReportMerge.Part(Path.of("a/report.json"), shard("1/3", ReportFixtures.cleanPlug()))),
                Path.of("a/merged.json"));
        assertTrue(m.warnings().contains("incomplete merge: shard(s) 2/3, 3/3 missing, their devices are not in this report"), m.warnings().toString());
    }

    @Test
    void overlappingShardsAreRefusedNamingBothFiles() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ReportMerge().merge(List.of(
                new ReportMerge.Part(Path.of("one.json"), shard("1/2", ReportFixtures.cleanPlug())),
                new ReportMerge.Part(Path.of("two.json"), shard("2/2", ReportFixtures.cleanPlug()))), Path.of("m.json")));
        assertTrue(e.getMessage().contains("one.json") && e.getMessage().contains("two.json"), e.getMessage());
    }
}
