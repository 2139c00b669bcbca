package dev.starprobe.model;

import java.time.Instant;
import java.util.List;

/**
 * What discovery found on a network: the devices with what each method learned about them, and
 * how every method ran (so a method that could not run is never a silent absence).
 *
 * @param interfaceName the interface discovery was pinned to, or null
 * @param cidrs         the networks swept
 * @param methods       one entry per discovery method asked for
 * @param devices       found devices, ordered by address
 */
public record Inventory(Instant startedAt, Instant finishedAt, String interfaceName, List<String> cidrs,
                        List<MethodRun> methods, List<Device> devices, List<ScopeRefusal> scopeRefusals,
                        List<String> warnings) {
    public Inventory {
        cidrs = List.copyOf(cidrs);
        methods = List.copyOf(methods);
        devices = List.copyOf(devices);
        scopeRefusals = List.copyOf(scopeRefusals);
        warnings = List.copyOf(warnings);
    }

    /** How one discovery method ran: status, devices it reported, wall time, and why when not COMPLETED. */
    public record MethodRun(String method, ExecutionStatus status, int devices, long millis, String message) {
    }
}
