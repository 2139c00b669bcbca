package dev.starprobe.lab;

import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakCamera;
import java.util.ArrayList;
import java.util.List;

/** The built-in device farm. Every call returns new, unstarted instances. */
public final class BuiltInLab {
    private BuiltInLab() {}

    public static List<SimulatedDevice> all() {
        List<SimulatedDevice> all = new ArrayList<>(weak());
        all.addAll(hardened());
        all.addAll(hostile());
        return all;
    }

    public static List<SimulatedDevice> weak() {
        return List.of(new WeakCamera());
    }

    public static List<SimulatedDevice> hardened() {
        return List.of(new HardenedCamera());
    }

    public static List<SimulatedDevice> hostile() {
        return List.of();
    }

    /** New instances of the named devices, in the given order. */
    public static List<SimulatedDevice> byName(List<String> names) {
        List<SimulatedDevice> out = new ArrayList<>();
        for (String n : names) {
            out.add(all().stream().filter(d -> d.name().equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown device '" + n + "'; known: "
                            + all().stream().map(SimulatedDevice::name).toList())));
        }
        return out;
    }
}
