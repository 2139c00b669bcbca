package dev.starprobe.model;

import java.util.List;

/**
 * The parameters a scan ran with, recorded so a report can be reproduced.
 *
 * @param inventory the inventory file the devices came from, null when targets were given directly
 * @param shards    which shards of the inventory this report covers ("2/4"); several after a merge,
 *                  empty when the scan was not sharded
 */
public record ScanParameters(List<String> targets, List<String> scope, String ports, String profile,
                             List<String> allowedSafety, int maxConnectionsPerDevice,
                             double connectionsPerSecondPerDevice, int globalMaxConnections,
                             long connectTimeoutMillis, long ioTimeoutMillis, String inventory, List<String> shards) {
    public ScanParameters {
        targets = List.copyOf(targets);
        scope = List.copyOf(scope);
        allowedSafety = List.copyOf(allowedSafety);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /** The form before inventories and shards existed. */
    public ScanParameters(List<String> targets, List<String> scope, String ports, String profile,
                          List<String> allowedSafety, int maxConnectionsPerDevice,
                          double connectionsPerSecondPerDevice, int globalMaxConnections,
                          long connectTimeoutMillis, long ioTimeoutMillis) {
        this(targets, scope, ports, profile, allowedSafety, maxConnectionsPerDevice, connectionsPerSecondPerDevice,
                globalMaxConnections, connectTimeoutMillis, ioTimeoutMillis, null, List.of());
    }

    public ScanParameters withInventory(String file, List<String> shardList) {
        return new ScanParameters(targets, scope, ports, profile, allowedSafety, maxConnectionsPerDevice,
                connectionsPerSecondPerDevice, globalMaxConnections, connectTimeoutMillis, ioTimeoutMillis, file, shardList);
    }

    public ScanParameters withTargetsAndScope(List<String> t, List<String> s) {
        return new ScanParameters(t, s, ports, profile, allowedSafety, maxConnectionsPerDevice,
                connectionsPerSecondPerDevice, globalMaxConnections, connectTimeoutMillis, ioTimeoutMillis, inventory, shards);
    }
}
