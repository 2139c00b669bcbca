package dev.starprobe.lab.proto;

import java.util.concurrent.ConcurrentSkipListMap;

/** Holding registers: a sparse map of 16-bit values; unmapped addresses are illegal (exception 02). */
public final class RegisterMap {
    private final ConcurrentSkipListMap<Integer, Integer> regs = new ConcurrentSkipListMap<>();

    public RegisterMap set(int address, int value) {
        regs.put(address, value & 0xffff);
        return this;
    }

    /** Writes {@code count} consecutive values starting at {@code address}. */
    public RegisterMap fill(int address, int[] values) {
        for (int i = 0; i < values.length; i++) set(address + i, values[i]);
        return this;
    }

    public boolean mapped(int address, int count) {
        for (int a = address; a < address + count; a++) {
            if (!regs.containsKey(a)) return false;
        }
        return true;
    }

    public int get(int address) {
        return regs.getOrDefault(address, 0);
    }

    public int size() {
        return regs.size();
    }
}
