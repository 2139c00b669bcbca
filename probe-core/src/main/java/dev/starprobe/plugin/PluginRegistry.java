package dev.starprobe.plugin;

import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.Classifier;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.FactKey;
import dev.starprobe.spi.ServiceProbe;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The installed plugins: stock ones from the classpath plus third-party jars from a plugins folder,
 * all found through {@link ServiceLoader}. Validated as a whole when loaded.
 */
public final class PluginRegistry {
    private final List<Check> checks;
    private final List<ServiceProbe> probes;
    private final List<Classifier> classifiers;
    private final List<Discoverer> discoverers;
    private final FactGraph graph;
    private final List<Path> jars;

    private PluginRegistry(List<Check> checks, List<ServiceProbe> probes, List<Classifier> classifiers,
                           List<Discoverer> discoverers, FactGraph graph, List<Path> jars) {
        this.checks = checks;
        this.probes = probes;
        this.classifiers = classifiers;
        this.discoverers = discoverers;
        this.graph = graph;
        this.jars = jars;
    }

    /** Loads from the classpath and, when it exists, every *.jar directly inside {@code pluginsDir}. */
    public static PluginRegistry load(Path pluginsDir, RequirementCatalogue catalogue) {
        List<Path> jars = new ArrayList<>();
        ClassLoader parent = PluginRegistry.class.getClassLoader();
        ClassLoader loader = parent;
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            try (Stream<Path> s = Files.list(pluginsDir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new PluginLoadException("cannot list plugins folder " + pluginsDir + ": " + e.getMessage(), e);
            }
            if (!jars.isEmpty()) {
                URL[] urls = jars.stream().map(PluginRegistry::url).toArray(URL[]::new);
                loader = new URLClassLoader("starprobe-plugins", urls, parent);
            }
        }
        return of(loadAll(Check.class, loader), loadAll(ServiceProbe.class, loader),
                loadAll(Classifier.class, loader), loadAll(Discoverer.class, loader), catalogue, jars);
    }

    /** For embedding and tests: an explicit set of plugins, validated the same way. */
    public static PluginRegistry of(List<Check> checks, List<ServiceProbe> probes, List<Classifier> classifiers,
                                    List<Discoverer> discoverers, RequirementCatalogue catalogue, List<Path> jars) {
        Set<String> ids = new HashSet<>();
        for (Check c : checks) {
            var d = c.descriptor();
            if (!ids.add(d.id())) throw new PluginLoadException("two checks share the id '" + d.id() + "'");
            for (String r : d.requirements()) {
                if (!catalogue.isKnown(r)) {
                    throw new PluginLoadException("check " + d.id() + " cites unknown requirement '" + r + "'");
                }
            }
        }
        uniqueIds(probes.stream().map(ServiceProbe::id).toList(), "service probes");
        uniqueIds(classifiers.stream().map(Classifier::id).toList(), "classifiers");
        uniqueIds(discoverers.stream().map(Discoverer::id).toList(), "discoverers");
        List<Check> sortedChecks = checks.stream().sorted(Comparator.comparing(c -> c.descriptor().id())).toList();
        FactGraph graph = FactGraph.build(sortedChecks, dev.starprobe.spi.EngineFacts.ALL);
        List<ServiceProbe> sortedProbes = probes.stream()
                .sorted(Comparator.comparingInt(ServiceProbe::order).thenComparing(ServiceProbe::id)).toList();
        return new PluginRegistry(sortedChecks, sortedProbes, List.copyOf(classifiers), List.copyOf(discoverers),
                graph, List.copyOf(jars));
    }

    private static void uniqueIds(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) if (!seen.add(id)) throw new PluginLoadException("two " + what + " share the id '" + id + "'");
    }

    private static <T> List<T> loadAll(Class<T> type, ClassLoader loader) {
        List<T> out = new ArrayList<>();
        try {
            for (T t : ServiceLoader.load(type, loader)) out.add(t);
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("cannot load " + type.getSimpleName() + " plugins: " + e.getMessage(), e);
        }
        return out;
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new PluginLoadException("bad plugin path " + p, e);
        }
    }

    public List<Check> checks() {
        return checks;
    }

    public List<ServiceProbe> probes() {
        return probes;
    }

    public List<Classifier> classifiers() {
        return classifiers;
    }

    public List<Discoverer> discoverers() {
        return discoverers;
    }

    public FactGraph graph() {
        return graph;
    }

    /** Plugin jars loaded from the plugins folder. */
    public List<Path> jars() {
        return jars;
    }
}
