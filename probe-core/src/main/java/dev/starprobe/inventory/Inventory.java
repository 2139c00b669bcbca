package dev.starprobe.inventory;

import java.nio.file.Path;
import java.util.List;

/**
 * A farm of devices under test, read from a YAML file (see docs/inventory.md).
 *
 * @param source the file it was read from
 */
public record Inventory(Path source, List<InventoryDevice> devices) {
    public Inventory {
        devices = List.copyOf(devices);
    }

    /** The file's name as reports show it. */
    public String sourceName() {
        return source.getFileName().toString();
    }
}
