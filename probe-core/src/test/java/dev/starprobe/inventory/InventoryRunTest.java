package dev.starprobe.inventory;

import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.StarLevel;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryRunTest {
    private static final Map<String, String> ENV = Map.of("CAM01_PASS", "s3cret-env");

    private static InventoryRun plan(Path dir, String arp) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/cam01"), "s3cret-file\n");
        Path table = dir.resolve("arp");
        Files.writeString(table, "IP address       HW type     Flags       HW address            Mask     Device\n" + arp);
        Inventory inv = new InventoryParser().parse(InventoryParserTest.write(dir, InventoryParserTest.FARM));
        return InventoryRun.plan(inv, Shard.ALL, NeighbourTable.read(table), ENV::get);
    }

    @Test
    void credentialsResolveFromTheEnvironmentAndFilesAndReachOnlyTheirDevice(@TempDir Path dir) throws Exception {
        InventoryRun run = plan(dir, "");
        InetAddress cam = InetAddress.getByName("198.18.0.12");
        Device d = run.setup().device(cam);
        ScanOptions o = run.setup().options(d, ScanOptions.safeDefaults());
        assertEquals("s3cret-env", o.credentials().get("admin").secret());
        assertEquals("s3cret-file", o.credentials().get("rtsp").secret(), "the file's trailing newline is not part of it");
        assertEquals(Set.of(Safety.SAFE, Safety.INTRUSIVE, Safety.BRUTE), o.allowedSafety());
        ScanOptions other = run.setup().options(run.setup().device(InetAddress.getByName("198.18.0.13")), ScanOptions.safeDefaults());
        assertEquals(Map.of(), other.credentials());
        assertEquals(Set.of(Safety.SAFE), other.allowedSafety());
        assertEquals(2, run.setup().credentials().size(), "the redactor gets every secret");
    }

    @Test
    void theDeclarationNamesCredentialsButNeverHoldsTheirValues(@TempDir Path dir) throws Exception {
        InventoryRun run = plan(dir, "");
        var dec = run.setup().inventoryEntry(run.setup().device(InetAddress.getByName("198.18.0.12")));
        assertEquals("cam-01", dec.name());
        assertEquals("1.10", dec.firmware());
        assertEquals(List.of("admin", "rtsp"), dec.credentials());
        assertTrue(!dec.toString().contains("s3cret"));
        assertNull(run.setup().inventoryEntry(Device.at(InetAddress.getByName("198.18.0.99"))));
    }

    @Test
    void identityIsTheMacAndTheUserMayFixCategoryAndLevel(@TempDir Path dir) throws Exception {
        InventoryRun run = plan(dir, "");
        Device d = run.setup().device(InetAddress.getByName("198.18.0.12"));
        assertEquals("02:00:c6:12:00:0c", d.id());
        assertEquals(List.of("cam-01"), d.names());
        Classification observed = new Classification(Category.SMART_HOME, 0.4, List.of("mDNS"), StarLevel.STAR_1, List.of(), false);
        Classification c = run.setup().classification(d, observed);
        assertEquals(Category.CAMERA, c.category());
        assertEquals(StarLevel.STAR_2, c.level());
        assertTrue(c.overridden());
        assertTrue(c.evidence().get(1).contains("classifier said SMART_HOME"), "what the probe saw is kept");
    }

    @Test
    void aMacOnlyDeviceIsFoundInTheNeighbourTableOrReportedNotScanned(@TempDir Path dir) throws Exception {
        InventoryRun missing = plan(dir, "");
        assertEquals(List.of("198.18.0.12", "198.18.0.13").stream().sorted().toList(), missing.targets().stream().sorted().toList());
        assertEquals(1, missing.warnings().size());
        assertTrue(missing.warnings().get(0).contains("device plug (02:00:c6:12:00:0e) is not in the neighbour table"));

        InventoryRun found = plan(dir, "198.18.0.14      0x1         0x2         02:00:c6:12:00:0e     *        veth0\n");
        assertTrue(found.targets().contains("198.18.0.14"));
        assertEquals("02:00:c6:12:00:0e", found.setup().device(InetAddress.getByName("198.18.0.14")).id());
        assertEquals(List.of(), found.warnings());
    }

    @Test
    void anUnsetVariableStopsTheRunNamingFileDeviceAndVariable(@TempDir Path dir) throws Exception {
        Inventory inv = new InventoryParser().parse(InventoryParserTest.write(dir, InventoryParserTest.FARM));
        InventoryException e = assertThrows(InventoryException.class,
                () -> InventoryRun.plan(inv, Shard.ALL, NeighbourTable.read(dir.resolve("none")), k -> null));
        assertTrue(e.getMessage().matches("inventory .*farm.yaml: device cam-01: credential 'admin': environment variable CAM01_PASS is not set"),
                e.getMessage());
    }
}
