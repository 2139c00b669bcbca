package dev.starprobe.evidence.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the interface whose traffic reaches an address: loopback for 127/8 and ::1, the interface whose
 * subnet contains it (on-link), else the kernel's route ({@code ip route get}, a local query that sends
 * nothing). Falls back to Linux's {@code any} pseudo-interface, which sees every interface.
 */
public final class CaptureInterfaces {
    static final String ANY = "any";
    private static final Pattern DEV = Pattern.compile("\\bdev\\s+(\\S+)");

    private final Map<String, String> routed = new ConcurrentHashMap<>();
    /** interfaces do not change during a scan; enumerating them per device would cost more than capturing */
    private volatile List<NetworkInterface> interfaces;

    public String forAddress(InetAddress a) {
        try {
            if (a.isLoopbackAddress()) {
                for (NetworkInterface n : interfaces()) if (n.isLoopback()) return n.getName();
            }
            for (NetworkInterface n : interfaces()) {
                if (!n.isUp()) continue;
                for (InterfaceAddress ia : n.getInterfaceAddresses()) {
                    if (sameSubnet(ia.getAddress(), a, ia.getNetworkPrefixLength())) return n.getName();
                }
            }
        } catch (SocketException e) {
            // fall through to the route lookup
        }
        // one lookup per /24 (or /64): a sweep of a large routed range must not spawn a process per address
        return routed.computeIfAbsent(routeKey(a), k -> viaRoute(a));
    }

    private List<NetworkInterface> interfaces() throws SocketException {
        List<NetworkInterface> l = interfaces;
        if (l == null) {
            var e = NetworkInterface.getNetworkInterfaces();
            l = e == null ? List.of() : List.copyOf(Collections.list(e));
            interfaces = l;
        }
        return l;
    }

    static boolean sameSubnet(InetAddress net, InetAddress a, int prefix) {
        byte[] x = net.getAddress();
        byte[] y = a.getAddress();
        if (x.length != y.length || prefix <= 0) return false;
        for (int bit = 0; bit < Math.min(prefix, x.length * 8); bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) return false;
        }
        return true;
    }

    private static String routeKey(InetAddress a) {
        byte[] b = a.getAddress();
        int keep = b.length == 4 ? 3 : 8;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keep; i++) sb.append(b[i] & 0xff).append('.');
        return sb.toString();
    }

    private static String viaRoute(InetAddress a) {
        try {
            Process p = new ProcessBuilder("ip", "route", "get", a.getHostAddress()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Matcher m = DEV.matcher(out);
                if (m.find()) return m.group(1);
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // no iproute2: capture on every interface
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ANY;
    }
}
