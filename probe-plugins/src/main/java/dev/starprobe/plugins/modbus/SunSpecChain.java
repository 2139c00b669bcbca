package dev.starprobe.plugins.modbus;

import java.util.ArrayList;
import java.util.List;

/**
 * The SunSpec model chain of a Modbus device: the "SunS" marker at a base address, then models of
 * (id, length) headers each followed by its points, ended by id 0xFFFF. Read-only, bounded, and
 * tolerant of a device that stops answering half way (the models read so far are returned).
 */
public final class SunSpecChain {
    private static final int SUNS_HI = 0x5375;
    private static final int SUNS_LO = 0x6e53;

    /** One model: its id, the address of its first point, and its length in registers. */
    public record Model(int id, int firstPoint, int length) {
    }

    private SunSpecChain() {
    }

    /** The models after the marker at {@code base}, at most {@code max}; null when there is no marker. */
    public static List<Model> walk(ModbusExchange x, int base, int max) {
        int[] head = x.holding(base, 4);
        if (head == null || head[0] != SUNS_HI || head[1] != SUNS_LO) return null;
        List<Model> models = new ArrayList<>();
        int addr = base + 2;
        int id = head[2];
        int len = head[3];
        while (models.size() < max && id != 0xFFFF && len > 0) {
            models.add(new Model(id, addr + 2, len));
            addr += 2 + len;
            int[] next = x.holding(addr, 2);
            if (next == null) break;
            id = next[0];
            len = next[1];
        }
        return models;
    }
}
