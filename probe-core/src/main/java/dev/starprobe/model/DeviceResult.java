package dev.starprobe.model;

import java.util.List;

/** Everything one scan learned about one device. */
public record DeviceResult(Device device, List<Service> services, Classification classification,
                           List<ExecutionRecord> executions, List<Finding> findings) {
    public DeviceResult {
        services = List.copyOf(services);
        executions = List.copyOf(executions);
        findings = List.copyOf(findings);
    }

    public boolean hasFail() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL);
    }
}
