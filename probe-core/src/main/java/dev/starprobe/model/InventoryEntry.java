package dev.starprobe.model;

import java.util.List;

/**
 * What an inventory file said about a device, as opposed to what the scan observed. A report keeps it
 * so a later diff can say which firmware a result belongs to, and people can compare declared and
 * observed services.
 *
 * @param source        the inventory file it came from
 * @param name          the device's name in the inventory
 * @param firmware      firmware version as declared, null when not given
 * @param services      declared services as "tcp/80", "udp/5683"
 * @param credentials   names of the credentials supplied for it; never their values
 * @param allowedSafety impact classes beyond SAFE the inventory allows for this device
 */
public record InventoryEntry(String source, String name, String firmware, List<String> services,
                                List<String> credentials, List<String> allowedSafety) {
    public InventoryEntry {
        services = services == null ? List.of() : List.copyOf(services);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        allowedSafety = allowedSafety == null ? List.of() : List.copyOf(allowedSafety);
    }
}
