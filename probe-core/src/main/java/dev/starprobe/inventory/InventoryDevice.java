package dev.starprobe.inventory;

import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import dev.starprobe.spi.Safety;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * One device of a farm as the inventory declares it.
 *
 * @param name        name people know it by; defaults to its identity
 * @param address     where to reach it; null when only its MAC is known
 * @param mac         hardware address, lower case with colons; null when not given
 * @param firmware    firmware version as declared, or null
 * @param services    declared services, normalised to "tcp/80"
 * @param credentials references to its credentials
 * @param category    category fixed by the user, or null to classify
 * @param level       level fixed by the user, or null to recommend
 * @param allow       impact classes beyond SAFE the user allows on this device
 */
public record InventoryDevice(String name, InetAddress address, String mac, String firmware, List<String> services,
                              List<CredentialRef> credentials, Category category, StarLevel level, Set<Safety> allow) {
    public InventoryDevice {
        services = List.copyOf(services);
        credentials = List.copyOf(credentials);
        allow = Set.copyOf(allow);
    }

    /** Stable key across runs, as in reports: the MAC when known, else the address. */
    public String identity() {
        return mac != null ? mac : address.getHostAddress();
    }
}
