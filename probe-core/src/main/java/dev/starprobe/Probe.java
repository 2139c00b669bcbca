package dev.starprobe;

import dev.starprobe.engine.ScanControl;
import dev.starprobe.engine.ScanEngine;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.ScanReport;
import dev.starprobe.plugin.PluginRegistry;
import dev.starprobe.policy.RequirementCatalogue;

import java.nio.file.Path;

/**
 * The embedding API: load the requirement catalogue and the installed plugins once, then scan.
 * <pre>{@code
 * Probe probe = Probe.load(Path.of("plugins"));
 * ScanReport report = probe.scan(ScanRequest.of(List.of("198.18.0.12"), PortSpec.parse("iot")));
 * }</pre>
 */
public final class Probe {
    private final RequirementCatalogue catalogue;
    private final PluginRegistry plugins;

    public Probe(RequirementCatalogue catalogue, PluginRegistry plugins) {
        this.catalogue = catalogue;
        this.plugins = plugins;
    }

    /** Stock plugins from the classpath plus the jars in {@code pluginsDir} (may be null or missing). */
    public static Probe load(Path pluginsDir) {
        RequirementCatalogue catalogue = RequirementCatalogue.builtIn();
        return new Probe(catalogue, PluginRegistry.load(pluginsDir, catalogue));
    }

    public ScanReport scan(ScanRequest request) {
        return scan(request, new ScanControl());
    }

    /** A scan the caller can cancel through {@code control}; the report is complete either way. */
    public ScanReport scan(ScanRequest request, ScanControl control) {
        return new ScanEngine(plugins, Version.toolInfo()).run(request, control);
    }

    /** Scans with per-device setup (an inventory) and packet capture around each device. */
    public ScanReport scan(ScanRequest request, ScanHooks hooks) {
        return scan(request, new ScanControl(), hooks);
    }

    /** A cancellable scan with per-device setup and packet capture. */
    public ScanReport scan(ScanRequest request, ScanControl control, ScanHooks hooks) {
        return new ScanEngine(plugins, Version.toolInfo()).run(request, control, hooks);
    }

    /** A scan with discovery first (MAC, names, hints merged into the devices); {@code plan} may be null. */
    public ScanReport scan(ScanRequest request, ScanControl control, ScanHooks hooks, dev.starprobe.engine.DiscoveryPlan plan) {
        return new ScanEngine(plugins, Version.toolInfo()).run(request, control, hooks, plan);
    }

    /** Discovery only: the inventory of the network. */
    public dev.starprobe.model.Inventory discover(dev.starprobe.engine.DiscoveryRequest request) {
        return new dev.starprobe.engine.DiscoveryEngine(plugins.discoverers()).run(request);
    }

    public RequirementCatalogue catalogue() {
        return catalogue;
    }

    public PluginRegistry plugins() {
        return plugins;
    }
}
