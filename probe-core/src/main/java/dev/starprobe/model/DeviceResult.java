package dev.starprobe.model;

import java.util.List;

/**
 * Everything one scan learned about one device.
 *
 * @param inventory what an inventory file said about the device (name, firmware, declared services);
 *                  null when it was scanned without one
 */
public record DeviceResult(Device device, List<Service> services, Classification classification,
                           List<ExecutionRecord> executions, List<Finding> findings, InventoryEntry inventory) {
    public DeviceResult {
        services = List.copyOf(services);
        executions = List.copyOf(executions);
        findings = List.copyOf(findings);
    }

    /** The form before inventories existed. */
    public DeviceResult(Device device, List<Service> services, Classification classification,
                        List<ExecutionRecord> executions, List<Finding> findings) {
        this(device, services, classification, executions, findings, null);
    }

    public DeviceResult withFindings(List<Finding> replaced) {
        return new DeviceResult(device, services, classification, executions, replaced, inventory);
    }

    public DeviceResult withInventory(InventoryEntry entry) {
        return new DeviceResult(device, services, classification, executions, findings, entry);
    }

    public boolean hasFail() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL);
    }
}
