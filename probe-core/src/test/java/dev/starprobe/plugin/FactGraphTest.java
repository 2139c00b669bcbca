package dev.starprobe.plugin;

import dev.starprobe.spi.Check;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.starprobe.plugin.PluginRegistryTest.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactGraphTest {
    @Test
    void producersRunInEarlierLayers() {
        Check versions = fake("tls.versions", List.of(), List.of(), List.of("tls.versions"));
        Check policy = fake("tls.policy", List.of(), List.of("tls.versions"), List.of());
        Check alone = fake("telnet", List.of(), List.of(), List.of());
        FactGraph g = FactGraph.build(List.of(policy, versions, alone), Set.of());
        assertEquals(2, g.layers().size());
        assertTrue(g.layers().get(0).contains(versions) && g.layers().get(0).contains(alone));
        assertEquals(List.of(policy), g.layers().get(1));
    }

    @Test
    void failsFastOnAFactNobodyProduces() {
        var e = assertThrows(PluginLoadException.class,
                () -> FactGraph.build(List.of(fake("a", List.of(), List.of("ghost"), List.of())), Set.of()));
        assertTrue(e.getMessage().contains("ghost"));
    }

    @Test
    void failsFastOnACycle() {
        Check a = fake("a", List.of(), List.of("y"), List.of("x"));
        Check b = fake("b", List.of(), List.of("x"), List.of("y"));
        var e = assertThrows(PluginLoadException.class, () -> FactGraph.build(List.of(a, b), Set.of()));
        assertTrue(e.getMessage().contains("cycle"));
    }
}
