package dev.starprobe.plugins.identify;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintDbTest {
    private final FingerprintDb db = FingerprintDb.builtIn();

    /** Every example stored next to a rule is identified as that rule's protocol (first match wins). */
    @TestFactory
    List<DynamicTest> everyExampleMatchesItsRule() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Fingerprint f : db.rules()) {
            assertFalse(f.examples().isEmpty(), f.id() + " has no example");
            for (String ex : f.examples()) {
                tests.add(DynamicTest.dynamicTest(f.id() + ": " + Printable.banner(ex.getBytes(StandardCharsets.ISO_8859_1)), () -> {
                    var id = db.identify(f.probe(), ex).orElseThrow(() -> new AssertionError("no rule matched"));
                    assertEquals(f.protocol(), id.protocol());
                }));
            }
        }
        return tests;
    }

    @Test
    void extractsProductAndVersion() {
        var id = db.identify("banner", "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n").orElseThrow();
        assertEquals("OpenSSH", id.product());
        assertEquals("9.2p1", id.version());
    }

    @Test
    void garbageMatchesNothing() {
        assertTrue(db.identify("banner", "\u0000\u0001\u0002binary").isEmpty());
        assertTrue(db.identify("http", "SSH-2.0-x").isEmpty());
    }

    @Test
    void malformedDataIsAClearError() {
        String bad = "fingerprints:\n  - id: broken\n    probe: banner\n    match: '(unclosed'\n    protocol: x\n";
        var e = assertThrows(IllegalArgumentException.class,
                () -> FingerprintDb.parse(new ByteArrayInputStream(bad.getBytes()), "test.yaml"));
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("test.yaml"), e.getMessage());
    }
}
