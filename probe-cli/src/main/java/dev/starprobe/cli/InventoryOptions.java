package dev.starprobe.cli;

import dev.starprobe.inventory.InventoryParser;
import dev.starprobe.inventory.InventoryRun;
import dev.starprobe.inventory.NeighbourTable;
import dev.starprobe.inventory.Shard;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Scanning a farm described by an inventory file, or one shard of it. */
final class InventoryOptions {
    @Option(names = "--inventory", paramLabel = "FILE", description = "YAML inventory of the devices to scan (see docs/inventory.md).")
    Path inventory;

    @Option(names = "--shard", paramLabel = "K/N", description = "Scan only shard K of N of the inventory (deterministic split).")
    String shard;

    /** Null when no inventory was given. */
    InventoryRun plan() {
        if (inventory == null) {
            if (shard != null) throw new UserInputException("--shard splits an inventory: give --inventory FILE too");
            return null;
        }
        Shard s = shard == null ? Shard.ALL : Shard.parse(shard);
        return InventoryRun.plan(new InventoryParser().parse(inventory), s, NeighbourTable.read(NeighbourTable.LINUX), System::getenv);
    }
}
