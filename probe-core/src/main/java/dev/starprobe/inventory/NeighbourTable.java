package dev.starprobe.inventory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's IPv4 neighbour (ARP) table, read from {@code /proc/net/arp}: how a device the inventory
 * knows only by MAC is found without sending anything. A device that has not talked recently is not in
 * it; the scan then says so instead of guessing.
 */
public final class NeighbourTable {
    public static final Path LINUX = Path.of("/proc/net/arp");
    private final Map<String, InetAddress> byMac;

    private NeighbourTable(Map<String, InetAddress> byMac) {
        this.byMac = Map.copyOf(byMac);
    }

    public static NeighbourTable read(Path file) {
        Map<String, InetAddress> m = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return new NeighbourTable(m);
        }
        // IP address  HW type  Flags  HW address  Mask  Device
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || f[2].equals("0x0")) continue; // flags 0x0: incomplete entry
            try {
                m.put(f[3].toLowerCase(Locale.ROOT), InetAddress.getByName(f[0]));
            } catch (UnknownHostException e) {
                // not an address literal: skip the line
            }
        }
        return new NeighbourTable(m);
    }

    public InetAddress find(String mac) {
        return byMac.get(mac);
    }
}
