package dev.starprobe.model;

import java.util.List;

/** The parameters a scan ran with, recorded so a report can be reproduced. */
public record ScanParameters(List<String> targets, List<String> scope, String ports, String profile,
                             List<String> allowedSafety, int maxConnectionsPerDevice,
                             double connectionsPerSecondPerDevice, int globalMaxConnections,
                             long connectTimeoutMillis, long ioTimeoutMillis) {
    public ScanParameters {
        targets = List.copyOf(targets);
        scope = List.copyOf(scope);
        allowedSafety = List.copyOf(allowedSafety);
    }
}
