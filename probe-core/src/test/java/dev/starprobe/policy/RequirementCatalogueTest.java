package dev.starprobe.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequirementCatalogueTest {
    private final RequirementCatalogue cat = RequirementCatalogue.builtIn();

    @Test
    void hasAllSixteenStar1Items() {
        assertEquals(16, cat.jcstar().size());
        for (int i = 1; i <= 16; i++) {
            assertTrue(cat.jcstar(String.format("S1.1-%02d", i)).isPresent(), "S1.1-" + i);
        }
    }

    @Test
    void unknownItemsAreNotInvented() {
        var r = cat.jcstar("S1.1-09").orElseThrow();
        assertNull(r.title());
        assertFalse(r.known());
        assertTrue(r.en303645().isEmpty());
    }

    @Test
    void mapsCleartextItemToEn303645() {
        var r = cat.jcstar("S1.1-12").orElseThrow();
        assertTrue(r.en303645().contains("5.5-1"));
        assertTrue(cat.isKnown("EN-5.5-1"));
        assertFalse(cat.isKnown("EN-9.9-9"));
    }

    @Test
    void listsWhatAProbeCannotTest() {
        assertTrue(cat.notNetworkTestable().stream().anyMatch(r -> r.id().equals("S1.1-07")));
        assertTrue(cat.notNetworkTestable().stream().anyMatch(r -> r.id().equals("S1.1-16")));
    }
}
