package dev.starprobe.plugin;

import dev.starprobe.spi.Check;
import dev.starprobe.spi.FactKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders checks so that producers of a fact run before its consumers. Built once when plugins load;
 * a consumed fact that nobody produces, or a cycle, fails fast rather than mid-scan.
 */
public final class FactGraph {
    private final List<List<Check>> layers;

    private FactGraph(List<List<Check>> layers) {
        this.layers = layers;
    }

    /** @param engineFacts facts the engine itself provides before any check runs */
    public static FactGraph build(List<Check> checks, Set<FactKey<?>> engineFacts) {
        Map<FactKey<?>, List<Check>> producers = new HashMap<>();
        for (Check c : checks) {
            for (FactKey<?> k : c.descriptor().produces()) producers.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
        }
        Map<Check, Set<Check>> deps = new LinkedHashMap<>();
        for (Check c : checks) {
            Set<Check> d = new HashSet<>();
            for (FactKey<?> k : c.descriptor().consumes()) {
                if (engineFacts.contains(k)) continue;
                List<Check> p = producers.get(k);
                if (p == null) {
                    throw new PluginLoadException("check " + c.descriptor().id() + " consumes fact '" + k
                            + "' that no installed check produces");
                }
                for (Check producer : p) if (producer != c) d.add(producer);
            }
            deps.put(c, d);
        }
        List<List<Check>> layers = new ArrayList<>();
        Set<Check> done = new HashSet<>();
        while (done.size() < checks.size()) {
            List<Check> layer = new ArrayList<>();
            for (var e : deps.entrySet()) {
                if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) layer.add(e.getKey());
            }
            if (layer.isEmpty()) {
                List<String> stuck = deps.keySet().stream().filter(c -> !done.contains(c))
                        .map(c -> c.descriptor().id()).sorted().toList();
                throw new PluginLoadException("fact dependency cycle among checks " + stuck);
            }
            layer.sort(Comparator.comparing(c -> c.descriptor().id()));
            layers.add(List.copyOf(layer));
            done.addAll(layer);
        }
        return new FactGraph(List.copyOf(layers));
    }

    /** Checks in layers: every check's producers are in earlier layers. */
    public List<List<Check>> layers() {
        return layers;
    }
}
