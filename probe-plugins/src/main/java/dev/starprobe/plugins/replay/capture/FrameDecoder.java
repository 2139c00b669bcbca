package dev.starprobe.plugins.replay.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Link, IP, TCP and UDP headers of one captured frame, bounds-checked against the bytes actually captured
 * (a capture is untrusted input: a length field never reads past the record). Frames that are not
 * TCP or UDP over IPv4/IPv6, or non-first IP fragments, decode to null.
 */
final class FrameDecoder {
    // libpcap link-layer header types (LINKTYPE_*) a capture of IP traffic commonly has
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int RAW_OPENBSD = 12;
    static final int RAW_BSD = 14;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private FrameDecoder() {
    }

    static boolean supports(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, RAW_OPENBSD, RAW_BSD, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    static Frame decode(int linkType, long number, long micros, byte[] p) {
        int ip = ipStart(linkType, p);
        if (ip < 0 || ip >= p.length) return null;
        int version = (p[ip] & 0xf0) >> 4;
        try {
            return version == 4 ? ipv4(number, micros, p, ip) : version == 6 ? ipv6(number, micros, p, ip) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int ipStart(int linkType, byte[] p) {
        switch (linkType) {
            case RAW, RAW_OPENBSD, RAW_BSD, IPV4, IPV6:
                return 0;
            case NULL, LOOP:
                return 4;
            case LINUX_SLL:
                return p.length >= 16 && isIp(u16(p, 14)) ? 16 : -1;
            case LINUX_SLL2:
                return p.length >= 20 && isIp(u16(p, 0)) ? 20 : -1;
            case ETHERNET: {
                int off = 12;
                while (off + 2 <= p.length && (u16(p, off) == 0x8100 || u16(p, off) == 0x88a8)) off += 4; // VLAN tags
                return off + 2 <= p.length && isIp(u16(p, off)) ? off + 2 : -1;
            }
            default:
                return -1;
        }
    }

    private static boolean isIp(int etherType) {
        return etherType == 0x0800 || etherType == 0x86dd;
    }

    private static Frame ipv4(long number, long micros, byte[] p, int ip) throws UnknownHostException {
        if (ip + 20 > p.length) return null;
        int ihl = (p[ip] & 0x0f) * 4;
        int total = u16(p, ip + 2);
        int fragment = u16(p, ip + 6) & 0x1fff;
        if (ihl < 20 || fragment != 0) return null;
        int end = Math.min(p.length, ip + Math.max(total, ihl));
        InetAddress src = InetAddress.getByAddress(Arrays.copyOfRange(p, ip + 12, ip + 16));
        InetAddress dst = InetAddress.getByAddress(Arrays.copyOfRange(p, ip + 16, ip + 20));
        return transport(number, micros, p, p[ip + 9] & 0xff, ip + ihl, end, src, dst);
    }

    private static Frame ipv6(long number, long micros, byte[] p, int ip) throws UnknownHostException {
        if (ip + 40 > p.length) return null;
        int end = Math.min(p.length, ip + 40 + u16(p, ip + 4));
        InetAddress src = InetAddress.getByAddress(Arrays.copyOfRange(p, ip + 8, ip + 24));
        InetAddress dst = InetAddress.getByAddress(Arrays.copyOfRange(p, ip + 24, ip + 40));
        int next = p[ip + 6] & 0xff;
        int off = ip + 40;
        // hop-by-hop, routing and destination options carry their own length; a fragment header ends decoding
        while ((next == 0 || next == 43 || next == 60) && off + 2 <= end) {
            int n = p[off] & 0xff;
            off += 8 + (p[off + 1] & 0xff) * 8;
            next = n;
        }
        return transport(number, micros, p, next, off, end, src, dst);
    }

    private static Frame transport(long number, long micros, byte[] p, int proto, int off, int end, InetAddress src,
                                   InetAddress dst) {
        if (proto == 6) {
            if (off + 20 > end) return null;
            int dataOffset = ((p[off + 12] & 0xf0) >> 4) * 4;
            if (dataOffset < 20 || off + dataOffset > end) return null;
            long seq = Integer.toUnsignedLong(((p[off + 4] & 0xff) << 24) | ((p[off + 5] & 0xff) << 16)
                    | ((p[off + 6] & 0xff) << 8) | (p[off + 7] & 0xff));
            return new Frame(number, micros, new InetSocketAddress(src, u16(p, off)), new InetSocketAddress(dst, u16(p, off + 2)),
                    true, p[off + 13] & 0x3f, seq, Arrays.copyOfRange(p, off + dataOffset, end));
        }
        if (proto == 17) {
            if (off + 8 > end) return null;
            int len = u16(p, off + 4);
            int stop = len >= 8 ? Math.min(end, off + len) : end;
            return new Frame(number, micros, new InetSocketAddress(src, u16(p, off)), new InetSocketAddress(dst, u16(p, off + 2)),
                    false, 0, 0, Arrays.copyOfRange(p, off + 8, stop));
        }
        return null;
    }

    private static int u16(byte[] p, int i) {
        return ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }
}
