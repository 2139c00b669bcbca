package dev.starprobe.model;

import java.util.List;

/**
 * What the user declared about a device in an inventory file, as opposed to what the scan observed.
 * A report keeps it so a later diff can say which firmware a result belongs to, and so declared vs
 * observed services can be compared (the manufacturer's IXIT idea from ETSI TS 103 701).
 *
 * @param source        the inventory file it came from
 * @param name          the device's name in the inventory
 * @param firmware      firmware version as declared, null when not given
 * @param services      declared services as "tcp/80", "udp/5683"
 * @param credentials   names of the credentials supplied for it; never their values
 * @param allowedSafety impact classes beyond SAFE the inventory allows for this device
 */
public record DeviceDeclaration(String source, String name, String firmware, List<String> services,
                                List<String> credentials, List<String> allowedSafety) {
    public DeviceDeclaration {
        services = services == null ? List.of() : List.copyOf(services);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        allowedSafety = allowedSafety == null ? List.of() : List.copyOf(allowedSafety);
    }
}
