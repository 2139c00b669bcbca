package dev.starprobe.inventory;

import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryParserTest {
    static final String FARM = """
            version: 1
            devices:
              - name: cam-01
                address: 198.18.0.12
                mac: "02-00-C6-12-00-0C"
                firmware: 1.10
                services: [tcp/80, 554/tcp, udp/5683, 443]
                credentials:
                  admin: {user: admin, secret: env:CAM01_PASS}
                  rtsp: {user: viewer, secret: "file:secrets/cam01"}
                category: camera
                level: STAR_2
                allow: [intrusive, brute]
              - address: 198.18.0.13
              - name: plug
                mac: 02:00:c6:12:00:0e
            """;

    static Path write(Path dir, String yaml) throws IOException {
        Path f = dir.resolve("farm.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsEveryField(@TempDir Path dir) throws Exception {
        Inventory inv = new InventoryParser().parse(write(dir, FARM));
        assertEquals(3, inv.devices().size());
        InventoryDevice cam = inv.devices().get(0);
        assertEquals("cam-01", cam.name());
        assertEquals("02:00:c6:12:00:0c", cam.mac(), "normalised");
        assertEquals("02:00:c6:12:00:0c", cam.identity(), "MAC is the identity when known");
        assertEquals("1.10", cam.firmware(), "a version is not a number: 1.10 stays 1.10");
        assertEquals(List.of("tcp/80", "tcp/554", "udp/5683", "tcp/443"), cam.services());
        assertEquals(List.of("admin", "rtsp"), cam.credentials().stream().map(CredentialRef::name).toList());
        assertEquals(Category.CAMERA, cam.category());
        assertEquals(StarLevel.STAR_2, cam.level());
        assertEquals(Set.of(Safety.INTRUSIVE, Safety.BRUTE), cam.allow());
        InventoryDevice bare = inv.devices().get(1);
        assertEquals("198.18.0.13", bare.name());
        assertEquals("198.18.0.13", bare.identity());
        assertNull(bare.firmware());
        assertNull(inv.devices().get(2).address());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            typo in a key          | devices: [{name: a, adress: 198.18.0.1}]                       | devices[0] (a): unknown key 'adress'
            neither address nor mac| devices: [{name: a}]                                           | devices[0] (a): needs an 'address' or a 'mac'
            host name              | devices: [{address: cam.example}]                              | address 'cam.example' is not an IP address literal
            bad mac                | devices: [{mac: '02:00:zz:00:00:01'}]                          | mac '02:00:zz:00:00:01' is not a MAC address
            literal secret         | devices: [{address: 198.18.0.1, credentials: {a: {user: u, secret: hunter2}}}] | secret must be a reference
            bad service            | devices: [{address: 198.18.0.1, services: [http]}]             | service 'http' is not like tcp/80
            port out of range      | devices: [{address: 198.18.0.1, services: [tcp/70000]}]        | service port 70000 is out of range
            bad category           | devices: [{address: 198.18.0.1, category: toaster}]            | category 'toaster' is not one of camera, smart_home
            bad allow              | devices: [{address: 198.18.0.1, allow: [everything]}]          | allow 'everything' is not one of safe, intrusive
            duplicate address      | devices: [{name: a, address: 198.18.0.1}, {name: b, address: 198.18.0.1}] | devices[1] (b): address 198.18.0.1 appears twice
            empty list             | devices: []                                                    | 'devices' must be a non-empty list
            not a mapping          | '- 1'                                                          | expected a mapping with a 'devices' list
            broken yaml            | 'devices: [ {name: a'                                          | not valid YAML
            future version         | 'version: 2'                                                   | unsupported version '2'
            """)
    void malformedInventoryIsOneLineNamingTheFileAndTheProblem(String what, String yaml, String expected, @TempDir Path dir) throws Exception {
        Path f = write(dir, yaml);
        InventoryException e = assertThrows(InventoryException.class, () -> new InventoryParser().parse(f));
        assertTrue(e.getMessage().startsWith("inventory " + f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(e.getMessage().contains("hunter2"), "a secret typed into the file is not echoed");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("nope.yaml");
        assertEquals("inventory " + f + ": no such file",
                assertThrows(InventoryException.class, () -> new InventoryParser().parse(f)).getMessage());
    }
}
