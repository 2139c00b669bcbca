package dev.starprobe.spi;

import dev.starprobe.model.Device;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Finds devices on the test network (ARP, multicast, UDP probes). Sends only through the context.
 * A stage failed with {@link DiscoveryUnavailableException} means the method could not run here
 * (no privileges, no interface); the engine reports the reason and goes on with the other methods.
 */
public interface Discoverer {
    String id();

    Safety safety();

    /** The method only works pinned to an interface (ARP, multicast); the engine skips it otherwise. */
    default boolean needsInterface() {
        return false;
    }

    /**
     * Runs when the user names no methods. A method that only repeats what the pinned LAN's ARP sweep
     * already finds, at a much higher cost, may stay off there and still run for routed targets.
     */
    default boolean runsByDefault(boolean pinnedToInterface) {
        return true;
    }

    CompletionStage<List<Device>> discover(DiscoveryContext ctx);
}
