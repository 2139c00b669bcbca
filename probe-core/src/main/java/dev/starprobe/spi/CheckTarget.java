package dev.starprobe.spi;

import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.Service;

import java.util.List;

/**
 * What a check is asked to look at: a device, and for service-level checks one of its services.
 *
 * @param service null for device-level checks
 */
public record CheckTarget(Device device, List<Service> services, Service service, Classification classification) {
    public CheckTarget {
        services = List.copyOf(services);
    }
}
