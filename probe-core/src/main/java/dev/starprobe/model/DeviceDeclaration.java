package dev.starprobe.model;

import java.util.List;

/**
 * What the manufacturer declares the product exposes (after the idea of ETSI TS 103 701's IXIT):
 * the probe compares it with what it observes, and an undeclared open port is a concrete finding.
 *
 * @param source   where the declaration was read from (for reports)
 * @param model    declared model designation, may be null
 * @param firmware declared firmware version, may be null
 * @param services the network services the product needs
 */
public record DeviceDeclaration(String source, String model, String firmware, List<DeclaredService> services) {
    public DeviceDeclaration {
        services = List.copyOf(services);
    }

    /** One declared service; {@code purpose} says why the product needs it. */
    public record DeclaredService(Transport transport, int port, String protocol, String purpose) {
    }

    public boolean declares(Transport transport, int port) {
        return services.stream().anyMatch(s -> s.transport() == transport && s.port() == port);
    }
}
