package dev.starprobe.inventory;

import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceDeclaration;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.model.Transport;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine learns from an inventory, per address: the device's identity, its credentials and
 * allowed impact classes, the category or level the user fixed, and the declaration the report keeps.
 */
final class InventorySetup implements DeviceSetup {
    /** An inventory device with its address found and its credentials resolved. */
    record Resolved(InventoryDevice device, InetAddress address, Map<String, ScanOptions.Credential> credentials) {
    }

    private final String source;
    private final Map<InetAddress, Resolved> byAddress = new HashMap<>();

    InventorySetup(String source, List<Resolved> devices) {
        this.source = source;
        for (Resolved r : devices) byAddress.put(r.address(), r);
    }

    @Override
    public Device device(InetAddress address) {
        Resolved r = byAddress.get(address);
        if (r == null) return Device.at(address);
        return new Device(r.device().identity(), address, r.device().mac(), List.of(r.device().name()), Map.of());
    }

    @Override
    public ScanOptions options(Device device, ScanOptions scanWide) {
        Resolved r = byAddress.get(device.address());
        if (r == null) return scanWide;
        // per device, on top of what the command line allows everywhere
        Set<Safety> allowed = EnumSet.copyOf(scanWide.allowedSafety());
        allowed.addAll(r.device().allow());
        Map<String, ScanOptions.Credential> creds = new HashMap<>(scanWide.credentials());
        creds.putAll(r.credentials());
        return new ScanOptions(allowed, creds, scanWide.ioTimeout(), scanWide.settings());
    }

    @Override
    public Classification classification(Device device, Classification observed) {
        Resolved r = byAddress.get(device.address());
        if (r == null || (r.device().category() == null && r.device().level() == null)) return observed;
        InventoryDevice d = r.device();
        List<String> evidence = new ArrayList<>();
        evidence.add("set in the inventory " + source);
        evidence.add("classifier said " + observed.category() + " (" + String.format(java.util.Locale.ROOT, "%.2f", observed.confidence())
                + "), recommended " + observed.level());
        evidence.addAll(observed.evidence());
        List<String> reasons = new ArrayList<>();
        if (d.level() != null) reasons.add("level set in the inventory " + source);
        reasons.addAll(observed.levelReasons());
        return new Classification(d.category() != null ? d.category() : observed.category(),
                d.category() != null ? 1.0 : observed.confidence(), evidence,
                d.level() != null ? d.level() : observed.level(), reasons, true);
    }

    /** The inventory's declared services, for the declared-vs-observed checks (none declared: none given). */
    @Override
    public DeviceDeclaration declaration(Device device) {
        Resolved r = byAddress.get(device.address());
        if (r == null || r.device().services().isEmpty()) return null;
        List<DeviceDeclaration.DeclaredService> services = new ArrayList<>();
        for (String s : r.device().services()) {
            String[] tp = s.split("/");
            services.add(new DeviceDeclaration.DeclaredService(Transport.valueOf(tp[0].toUpperCase(java.util.Locale.ROOT)),
                    Integer.parseInt(tp[1]), null, "declared in the inventory " + source));
        }
        return new DeviceDeclaration(source + " (" + r.device().name() + ")", null, r.device().firmware(), services);
    }

    @Override
    public InventoryEntry inventoryEntry(Device device) {
        Resolved r = byAddress.get(device.address());
        if (r == null) return null;
        InventoryDevice d = r.device();
        return new InventoryEntry(source, d.name(), d.firmware(), d.services(),
                d.credentials().stream().map(CredentialRef::name).toList(),
                d.allow().stream().sorted().map(Safety::name).toList());
    }

    @Override
    public Collection<ScanOptions.Credential> credentials() {
        List<ScanOptions.Credential> all = new ArrayList<>();
        byAddress.values().forEach(r -> all.addAll(r.credentials().values()));
        return all;
    }
}
