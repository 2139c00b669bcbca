package dev.starprobe.plugins.discovery;

import dev.starprobe.Probe;
import dev.starprobe.engine.DiscoveryPlan;
import dev.starprobe.engine.DiscoveryRequest;
import dev.starprobe.model.Inventory;
import dev.starprobe.net.NetSettings;
import dev.starprobe.report.JsonReport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs discovery with the stock plugins and prints the inventory as JSON; namespace tests start it
 * inside the probe namespace: {@code DiscoverMain <interface> <methods> <pps> <windowMillis>}.
 */
public final class DiscoverMain {
    /** The inventory JSON follows this line on stdout. */
    public static final String MARKER = "--- inventory ---";

    /** The inventory printed by a run of this main. */
    public static com.fasterxml.jackson.databind.JsonNode inventory(String stdout) throws java.io.IOException {
        int i = stdout.indexOf(MARKER);
        if (i < 0) throw new java.io.IOException("no inventory in: " + stdout);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout.substring(i + MARKER.length()));
    }

    public static void main(String[] args) throws Exception {
        DiscoveryPlan plan = DiscoveryPlan.on(args[0])
                .withMethods(Arrays.asList(args[1].split(",")))
                .withRate(Double.parseDouble(args[2]), Duration.ofMillis(Long.parseLong(args[3])));
        Probe probe = Probe.load(null);
        long t0 = System.nanoTime();
        Inventory inv = probe.discover(new DiscoveryRequest(List.of(), List.of(), false, plan, NetSettings.defaults()));
        System.err.println("discovery took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        System.out.println(MARKER);
        System.out.println(JsonReport.mapper().writeValueAsString(inv));
    }
}
