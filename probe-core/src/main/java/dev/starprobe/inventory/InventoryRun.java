package dev.starprobe.inventory;

import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.spi.ScanOptions;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The part of an inventory one scan covers: its shard, each device's address (a MAC-only device is
 * looked up in the neighbour table), and its credentials resolved from the environment or files.
 *
 * @param targets  addresses to scan
 * @param setup    per-device identity, options and declarations for the engine
 * @param warnings devices of the shard that will not be scanned, and why
 */
public record InventoryRun(Inventory inventory, Shard shard, List<String> targets, DeviceSetup setup, List<String> warnings) {
    public InventoryRun {
        targets = List.copyOf(targets);
        warnings = List.copyOf(warnings);
    }

    /**
     * @throws InventoryException naming the file and device when a credential cannot be resolved
     */
    public static InventoryRun plan(Inventory inv, Shard shard, NeighbourTable neighbours, UnaryOperator<String> env) {
        Path base = inv.source().toAbsolutePath().getParent();
        List<InventorySetup.Resolved> resolved = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<InetAddress, String> taken = new LinkedHashMap<>();
        for (InventoryDevice d : shard.select(inv.devices(), InventoryDevice::identity)) {
            String at = "inventory " + inv.source() + ": device " + d.name();
            InetAddress a = d.address() != null ? d.address() : neighbours.find(d.mac());
            if (a == null) {
                warnings.add(at + " (" + d.mac() + ") is not in the neighbour table, so its address is unknown;"
                        + " add its address to the inventory or make it talk first: not scanned");
                continue;
            }
            String other = taken.putIfAbsent(a, d.name());
            if (other != null) throw new InventoryException(at + ": resolves to " + a.getHostAddress() + ", the address of " + other);
            Map<String, ScanOptions.Credential> creds = new LinkedHashMap<>();
            for (CredentialRef c : d.credentials()) {
                try {
                    creds.put(c.name(), c.resolve(env, base));
                } catch (InventoryException e) {
                    throw new InventoryException(at + ": credential '" + c.name() + "': " + e.getMessage());
                }
            }
            resolved.add(new InventorySetup.Resolved(d, a, creds));
        }
        List<String> targets = resolved.stream().map(r -> r.address().getHostAddress()).toList();
        return new InventoryRun(inv, shard, targets, new InventorySetup(inv.sourceName(), resolved), warnings);
    }
}
