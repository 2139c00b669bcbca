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

    /**
     * The check run that produced a finding: the run of the same check on the same service, else the
     * check's device-level run (device-level checks may name the service a finding is about).
     * Null when there is none.
     */
    public ExecutionRecord runOf(Finding f) {
        ExecutionRecord deviceLevel = null;
        for (ExecutionRecord e : executions) {
            if (!e.checkId().equals(f.checkId())) continue;
            if (java.util.Objects.equals(e.service(), f.service())) return e;
            if (e.service() == null) deviceLevel = e;
        }
        return deviceLevel;
    }

    public boolean hasFail() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL);
    }
}
