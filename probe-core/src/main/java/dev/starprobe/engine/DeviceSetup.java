package dev.starprobe.engine;

import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceDeclaration;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.spi.ScanOptions;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/**
 * Per-device knowledge the engine does not own, typically from an inventory file: who a device is,
 * what may be done to it, and what the user declared about it. Defaults change nothing.
 */
public interface DeviceSetup {
    DeviceSetup NONE = new DeviceSetup() {
    };

    /** The identity to scan and report for this address (id = MAC, names). */
    default Device device(InetAddress address) {
        return Device.at(address);
    }

    /** The options checks of this device run with (impact classes allowed for it, its credentials). */
    default ScanOptions options(Device device, ScanOptions scanWide) {
        return scanWide;
    }

    /** The classification checks and reports see; an inventory may fix category or level. */
    default Classification classification(Device device, Classification observed) {
        return observed;
    }

    /**
     * What the manufacturer declares this device exposes, for the declared-vs-observed checks; null to
     * use the scan-wide declaration, if any.
     */
    default DeviceDeclaration declaration(Device device) {
        return null;
    }

    /** What an inventory said about the device, recorded in the report; null for none. */
    default InventoryEntry inventoryEntry(Device device) {
        return null;
    }

    /** Every credential this setup may hand to a check, so evidence redacts them all. */
    default Collection<ScanOptions.Credential> credentials() {
        return List.of();
    }
}
