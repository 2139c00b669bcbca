package dev.starprobe.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation; a bare address is a /32 or /128. */
public record Cidr(InetAddress network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /**
     * Parses literal addresses only: a CIDR never triggers a DNS lookup.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        boolean v4 = IPV4.matcher(addr).matches();
        if (!v4 && !IPV6.matcher(addr).matches()) {
            throw new IllegalArgumentException("not an IP address or CIDR: '" + text + "'");
        }
        if (v4) {
            for (String part : addr.split("\\.")) {
                if (Integer.parseInt(part) > 255) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(addr); // literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        int max = ip.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            prefix = Integer.parseInt(p);
            if (prefix > max) throw new IllegalArgumentException("prefix /" + prefix + " too long for '" + text + "'");
        }
        return new Cidr(mask(ip, prefix), prefix);
    }

    private static InetAddress mask(InetAddress ip, int prefix) {
        byte[] b = ip.getAddress();
        for (int i = 0; i < b.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - bits));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean contains(InetAddress a) {
        byte[] n = network.getAddress();
        byte[] x = a.getAddress();
        if (n.length != x.length) return false;
        return mask(a, prefix).equals(network);
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.getAddress().length * 8 - prefix);
    }

    /**
     * Host addresses of the network (without network and broadcast for IPv4 prefixes below /31).
     *
     * @throws IllegalArgumentException when there are more than {@code limit}
     */
    public List<InetAddress> hosts(int limit) {
        BigInteger size = size();
        boolean trimEnds = network.getAddress().length == 4 && prefix < 31;
        BigInteger count = trimEnds ? size.subtract(BigInteger.TWO) : size;
        if (count.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw new IllegalArgumentException(this + " has " + count + " addresses; at most " + limit + " per target");
        }
        BigInteger base = new BigInteger(1, network.getAddress());
        List<InetAddress> out = new ArrayList<>();
        long first = trimEnds ? 1 : 0;
        for (long i = first; i < first + count.longValue(); i++) {
            out.add(toAddress(base.add(BigInteger.valueOf(i)), network.getAddress().length));
        }
        return out;
    }

    private static InetAddress toAddress(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, b, len - copy, copy);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
