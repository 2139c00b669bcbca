package dev.starprobe.engine;

import dev.starprobe.net.NetSettings;

import java.util.List;

/**
 * A discovery run on its own (the {@code discover} command).
 *
 * @param targets     CIDRs or addresses to sweep; empty: the subnet of the pinned interface
 * @param scope       CIDRs the probe may contact; empty: exactly the targets
 * @param allowPublic publicly routable addresses may be contacted
 */
public record DiscoveryRequest(List<String> targets, List<String> scope, boolean allowPublic, DiscoveryPlan plan,
                               NetSettings net) {
    public DiscoveryRequest {
        targets = List.copyOf(targets);
        scope = List.copyOf(scope);
    }
}
