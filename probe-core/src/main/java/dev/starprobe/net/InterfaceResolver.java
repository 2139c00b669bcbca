package dev.starprobe.net;

import dev.starprobe.spi.LinkInfo;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Finds the interface the user pinned discovery to; every problem is a message fit for the user. */
public final class InterfaceResolver {
    private InterfaceResolver() {
    }

    /** @throws IllegalArgumentException when there is no such usable interface */
    public static LinkInfo resolve(String name) {
        NetworkInterface nif;
        try {
            nif = NetworkInterface.getByName(name);
            if (nif == null) {
                String names = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .map(NetworkInterface::getName).sorted().collect(Collectors.joining(", "));
                throw new IllegalArgumentException("no interface '" + name + "' (this machine has: " + names + ")");
            }
            if (!nif.isUp()) throw new IllegalArgumentException("interface " + name + " is down");
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address v4) {
                    byte[] hw = nif.getHardwareAddress();
                    String mac = hw == null || hw.length != 6 ? null : HexFormat.ofDelimiter(":").formatHex(hw);
                    return new LinkInfo(nif.getName(), nif.getIndex(), v4, ia.getNetworkPrefixLength(), mac,
                            nif.supportsMulticast());
                }
            }
            throw new IllegalArgumentException("interface " + name + " has no IPv4 address");
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot read interface " + name + ": " + e.getMessage(), e);
        }
    }

    static NetworkInterface byIndex(int index) throws SocketException {
        return NetworkInterface.getByIndex(index);
    }
}
