package dev.starprobe.engine;

import dev.starprobe.model.Device;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds what several discovery methods said about the same address into one {@link Device}.
 * Values come from devices on the network, so everything is capped: a hostile responder cannot
 * grow the inventory without bound.
 */
final class DeviceMerge {
    static final int MAX_NAMES = 16;
    static final int MAX_HINTS = 64;
    static final int MAX_VALUE = 512;
    /** Hint listing the methods that saw the device. */
    static final String METHODS_HINT = "discovery.methods";

    private DeviceMerge() {
    }

    record Seen(String method, Device device) {
    }

    /** One device per address among {@code candidates}, ordered by address; others are dropped. */
    static List<Device> merge(Collection<Seen> seen, Set<InetAddress> candidates) {
        Map<InetAddress, List<Seen>> byAddress = new LinkedHashMap<>();
        for (Seen s : seen) {
            if (candidates.contains(s.device().address())) {
                byAddress.computeIfAbsent(s.device().address(), a -> new ArrayList<>()).add(s);
            }
        }
        List<Device> out = new ArrayList<>();
        byAddress.forEach((a, list) -> out.add(fold(a, list)));
        out.sort(Comparator.comparing(d -> new BigInteger(1, d.address().getAddress())));
        return out;
    }

    private static Device fold(InetAddress address, List<Seen> list) {
        String mac = null;
        Set<String> names = new LinkedHashSet<>();
        Map<String, Set<String>> hints = new TreeMap<>();
        Set<String> methods = new java.util.TreeSet<>(); // sorted: independent of which method finished first
        for (Seen s : list) {
            Device d = s.device();
            methods.add(s.method());
            if (mac == null && d.mac() != null) mac = d.mac().toLowerCase(java.util.Locale.ROOT);
            for (String n : d.names()) if (names.size() < MAX_NAMES) names.add(cap(n));
            d.hints().forEach((k, v) -> {
                if (hints.size() < MAX_HINTS || hints.containsKey(k)) hints.computeIfAbsent(cap(k), x -> new LinkedHashSet<>()).add(cap(v));
            });
        }
        Map<String, String> flat = new LinkedHashMap<>();
        hints.forEach((k, v) -> flat.put(k, cap(String.join(", ", v))));
        flat.put(METHODS_HINT, String.join(", ", methods));
        return new Device(mac, address, mac, List.copyOf(names), flat);
    }

    private static String cap(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "…";
    }
}
