package dev.starprobe.report;

import dev.starprobe.model.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fields added for evidence timing, inventories and shards survive JSON and follow the schema. */
class ReportRoundTripTest {
    @Test
    void newFieldsRoundTripAndValidate(@TempDir Path dir) throws Exception {
        ScanReport r = ReportFixtures.hostileFarm();
        r = r.withParameters(r.parameters().withInventory("farm.yaml", List.of("1/2", "2/2")));
        String json = JsonReport.toJson(r);
        assertEquals(List.of(), ReportSchema.violations(json));
        ScanReport back = JsonReport.read(JsonReport.write(r, dir));
        assertEquals(r.devices().get(0).inventory(), back.devices().get(0).inventory());
        assertEquals(r.devices().get(0).executions(), back.devices().get(0).executions());
        assertEquals(List.of("1/2", "2/2"), back.parameters().shards());
        assertEquals("farm.yaml", back.parameters().inventory());
        assertEquals(r.devices().get(0).findings(), back.devices().get(0).findings());
    }

    @Test
    void reportsWrittenBeforeTheseFieldsStillRead(@TempDir Path dir) throws Exception {
        String old = JsonReport.toJson(JsonReportTest.sample());
        assertEquals(List.of(), ReportSchema.violations(old));
        java.nio.file.Files.writeString(dir.resolve("old.json"), old);
        ScanReport back = JsonReport.read(dir.resolve("old.json"));
        assertEquals(List.of(), back.parameters().shards());
        assertEquals(null, back.devices().get(0).inventory());
    }
}
