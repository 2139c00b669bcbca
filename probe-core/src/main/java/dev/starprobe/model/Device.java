package dev.starprobe.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host under test.
 *
 * @param id        stable key across runs (MAC when known, else the address)
 * @param address   the address probes are sent to
 * @param mac       hardware address when learned (ARP), else null
 * @param names     host names, mDNS names, friendly names
 * @param hints     vendor / model hints learned during discovery ("oui.vendor", "upnp.modelName"...)
 */
public record Device(String id, InetAddress address, String mac, List<String> names, Map<String, String> hints) {
    public Device {
        Objects.requireNonNull(address, "address");
        id = id == null ? address.getHostAddress() : id;
        names = names == null ? List.of() : List.copyOf(names);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }

    public static Device at(InetAddress address) {
        return new Device(null, address, null, List.of(), Map.of());
    }
}
