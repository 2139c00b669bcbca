package dev.starprobe.lab;

import dev.starprobe.lab.devices.GenericPc;
import dev.starprobe.lab.devices.HardenedBattery;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedGateway;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.HardenedSmartPlug;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.lab.devices.UnknownDevice;
import dev.starprobe.lab.devices.WeakBattery;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.devices.WeakPlc;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.lab.devices.WeakSmartLock;
import dev.starprobe.lab.devices.WeakSmartPlug;
import dev.starprobe.lab.devices.WeakWearable;
import dev.starprobe.lab.hostile.AcceptThenClose;
import dev.starprobe.lab.hostile.Fragile;
import dev.starprobe.lab.hostile.GarbageTls;
import dev.starprobe.lab.hostile.HugeBanner;
import dev.starprobe.lab.hostile.RebootOnMalformed;
import dev.starprobe.lab.hostile.ResetOnConnect;
import dev.starprobe.lab.hostile.SlowDrip;
import dev.starprobe.lab.hostile.Tarpit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The built-in device farm. Every call returns new, unstarted instances. */
public final class BuiltInLab {
    private static final Map<String, Supplier<SimulatedDevice>> WEAK = new LinkedHashMap<>();
    private static final Map<String, Supplier<SimulatedDevice>> HARDENED = new LinkedHashMap<>();
    private static final Map<String, Supplier<SimulatedDevice>> OTHER = new LinkedHashMap<>();
    private static final Map<String, Supplier<SimulatedDevice>> HOSTILE = new LinkedHashMap<>();

    static {
        WEAK.put(WeakCamera.NAME, WeakCamera::new);
        WEAK.put(WeakSmartPlug.NAME, WeakSmartPlug::new);
        WEAK.put(WeakSmartLock.NAME, WeakSmartLock::new);
        WEAK.put(WeakRouter.NAME, WeakRouter::new);
        WEAK.put(WeakWearable.NAME, WeakWearable::new);
        WEAK.put(WeakPlc.NAME, WeakPlc::new);
        WEAK.put(WeakBattery.NAME, WeakBattery::new);
        HARDENED.put(HardenedCamera.NAME, HardenedCamera::new);
        HARDENED.put(HardenedSmartPlug.NAME, HardenedSmartPlug::new);
        HARDENED.put(HardenedSmartLock.NAME, HardenedSmartLock::new);
        HARDENED.put(HardenedRouter.NAME, HardenedRouter::new);
        HARDENED.put(HardenedWearable.NAME, HardenedWearable::new);
        HARDENED.put(HardenedGateway.NAME, HardenedGateway::new);
        HARDENED.put(HardenedBattery.NAME, HardenedBattery::new);
        OTHER.put(GenericPc.NAME, GenericPc::new);
        OTHER.put(UnknownDevice.NAME, UnknownDevice::new);
        HOSTILE.put(Tarpit.NAME, Tarpit::new);
        HOSTILE.put(SlowDrip.NAME, SlowDrip::new);
        HOSTILE.put(HugeBanner.NAME, HugeBanner::new);
        HOSTILE.put(GarbageTls.NAME, GarbageTls::new);
        HOSTILE.put(ResetOnConnect.NAME, ResetOnConnect::new);
        HOSTILE.put(AcceptThenClose.NAME, AcceptThenClose::new);
        HOSTILE.put(Fragile.NAME, Fragile::new);
        HOSTILE.put(RebootOnMalformed.NAME, RebootOnMalformed::new);
    }

    private BuiltInLab() {}

    /** Weak, hardened, the generic PC and the unknown device, then the hostile devices. */
    public static List<SimulatedDevice> all() {
        List<SimulatedDevice> all = new ArrayList<>(weak());
        all.addAll(hardened());
        all.addAll(make(OTHER));
        all.addAll(hostile());
        return all;
    }

    public static List<SimulatedDevice> weak() {
        return make(WEAK);
    }

    public static List<SimulatedDevice> hardened() {
        return make(HARDENED);
    }

    /** pc-generic (must be classified EXCLUDED) and unknown-device. */
    public static List<SimulatedDevice> other() {
        return make(OTHER);
    }

    public static List<SimulatedDevice> hostile() {
        return make(HOSTILE);
    }

    public static List<String> names() {
        List<String> n = new ArrayList<>(WEAK.keySet());
        n.addAll(HARDENED.keySet());
        n.addAll(OTHER.keySet());
        n.addAll(HOSTILE.keySet());
        return n;
    }

    /** New instances of the named devices, in the given order. */
    public static List<SimulatedDevice> byName(List<String> names) {
        List<SimulatedDevice> out = new ArrayList<>();
        for (String n : names) out.add(create(n));
        return out;
    }

    public static SimulatedDevice create(String name) {
        for (Map<String, Supplier<SimulatedDevice>> m : List.of(WEAK, HARDENED, OTHER, HOSTILE)) {
            Supplier<SimulatedDevice> s = m.get(name);
            if (s != null) return s.get();
        }
        throw new IllegalArgumentException("unknown device '" + name + "'; known: " + names());
    }

    private static List<SimulatedDevice> make(Map<String, Supplier<SimulatedDevice>> m) {
        return m.values().stream().map(Supplier::get).toList();
    }
}
