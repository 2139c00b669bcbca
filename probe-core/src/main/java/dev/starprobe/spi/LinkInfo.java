package dev.starprobe.spi;

import java.net.Inet4Address;

/**
 * The interface discovery is pinned to.
 *
 * @param name         kernel name, e.g. eth0
 * @param index        kernel interface index
 * @param address      its IPv4 address
 * @param prefixLength IPv4 prefix length of that address
 * @param mac          hardware address, lower-case colon-separated; null when it has none (lo, tun)
 * @param multicast    the interface has the MULTICAST flag
 */
public record LinkInfo(String name, int index, Inet4Address address, int prefixLength, String mac, boolean multicast) {
    /** The subnet as CIDR text, e.g. 198.18.0.0/24. */
    public String cidr() {
        byte[] b = address.getAddress();
        int v = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int net = prefixLength == 0 ? 0 : v & (-1 << (32 - prefixLength));
        return ((net >>> 24) & 0xff) + "." + ((net >>> 16) & 0xff) + "." + ((net >>> 8) & 0xff) + "." + (net & 0xff)
                + "/" + prefixLength;
    }
}
