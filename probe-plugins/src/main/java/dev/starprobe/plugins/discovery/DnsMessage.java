package dev.starprobe.plugins.discovery;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few DNS message pieces mDNS / DNS-SD discovery needs (RFC 1035, 6762, 6763): build a query,
 * read the records of an answer. Name decompression only follows pointers backwards and a bounded
 * number of times, so a hostile packet cannot loop; every count and length is checked against the
 * bytes actually present.
 */
final class DnsMessage {
    static final int TYPE_A = 1, TYPE_PTR = 12, TYPE_TXT = 16, TYPE_AAAA = 28, TYPE_SRV = 33;
    static final int MAX_RECORDS = 256;
    static final int MAX_NAME = 255;
    static final int MAX_JUMPS = 32;

    private DnsMessage() {
    }

    /** A record of an answer; {@code data} is the decoded RDATA (name, "host:port", text, address). */
    record Record(String name, int type, String data, List<String> txt) {
    }

    record Answer(int id, boolean response, List<Record> records) {
    }

    /** A query for {@code names} (type {@code type}, class IN with the unicast-response bit). */
    static byte[] query(int id, List<String> names, int type) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        short16(b, id);
        short16(b, 0);               // standard query
        short16(b, names.size());
        short16(b, 0);
        short16(b, 0);
        short16(b, 0);
        for (String n : names) {
            for (String label : n.split("\\.")) {
                byte[] l = label.getBytes(StandardCharsets.UTF_8);
                if (l.length == 0 || l.length > 63) throw new IllegalArgumentException("bad label in " + n);
                b.write(l.length);
                b.write(l, 0, l.length);
            }
            b.write(0);
            short16(b, type);
            short16(b, 0x8001);      // QU: ask for a unicast answer (RFC 6762 §5.4), class IN
        }
        return b.toByteArray();
    }

    private static void short16(ByteArrayOutputStream b, int v) {
        b.write((v >> 8) & 0xff);
        b.write(v & 0xff);
    }

    static Answer parse(byte[] p) throws ParseException {
        ParseException.require(p.length >= 12, "shorter than a DNS header (" + p.length + " bytes)");
        int id = u16(p, 0);
        int flags = u16(p, 2);
        int qd = u16(p, 4), an = u16(p, 6), ns = u16(p, 8), ar = u16(p, 10);
        ParseException.require((flags & 0x7800) == 0, "not a standard DNS message (opcode " + ((flags >> 11) & 0xf) + ")");
        ParseException.require(qd + an + ns + ar <= MAX_RECORDS, "more than " + MAX_RECORDS + " records");
        int[] pos = {12};
        for (int i = 0; i < qd; i++) {
            name(p, pos);
            need(p, pos[0], 4);
            pos[0] += 4;
        }
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < an + ns + ar; i++) {
            String name = name(p, pos);
            need(p, pos[0], 10);
            int type = u16(p, pos[0]);
            int rdlen = u16(p, pos[0] + 8);
            int rd = pos[0] + 10;
            need(p, rd, rdlen);
            pos[0] = rd + rdlen;
            Record r = record(p, name, type, rd, rdlen);
            if (r != null) records.add(r);
        }
        return new Answer(id, (flags & 0x8000) != 0, records);
    }

    private static Record record(byte[] p, String name, int type, int rd, int len) throws ParseException {
        switch (type) {
            case TYPE_PTR -> {
                int[] at = {rd};
                String target = name(p, at);
                ParseException.require(at[0] <= rd + len, "PTR name runs past its record");
                return new Record(name, type, target, List.of());
            }
            case TYPE_SRV -> {
                ParseException.require(len >= 7, "SRV record too short");
                int port = u16(p, rd + 4);
                int[] at = {rd + 6};
                String target = name(p, at);
                ParseException.require(at[0] <= rd + len, "SRV target runs past its record");
                return new Record(name, type, target + ":" + port, List.of());
            }
            case TYPE_TXT -> {
                List<String> strings = new ArrayList<>();
                int i = rd;
                while (i < rd + len) {
                    int l = p[i] & 0xff;
                    ParseException.require(i + 1 + l <= rd + len, "TXT string runs past its record");
                    if (l > 0 && strings.size() < 64) strings.add(new String(p, i + 1, l, StandardCharsets.UTF_8));
                    i += 1 + l;
                }
                return new Record(name, type, String.join(";", strings), List.copyOf(strings));
            }
            case TYPE_A, TYPE_AAAA -> {
                ParseException.require(len == (type == TYPE_A ? 4 : 16), "address record of " + len + " bytes");
                try {
                    byte[] a = java.util.Arrays.copyOfRange(p, rd, rd + len);
                    return new Record(name, type, InetAddress.getByAddress(a).getHostAddress(), List.of());
                } catch (UnknownHostException e) {
                    throw new ParseException("bad address record");
                }
            }
            default -> {
                return null; // other types are not needed for discovery
            }
        }
    }

    /** Reads a possibly compressed name at pos[0] and advances pos[0] past it. */
    static String name(byte[] p, int[] pos) throws ParseException {
        StringBuilder b = new StringBuilder();
        int i = pos[0];
        int end = -1;          // where the caller continues once a pointer was followed
        int jumps = 0;
        while (true) {
            need(p, i, 1);
            int len = p[i] & 0xff;
            if (len == 0) {
                i++;
                break;
            }
            if ((len & 0xc0) == 0xc0) {
                need(p, i, 2);
                int target = ((len & 0x3f) << 8) | (p[i + 1] & 0xff);
                ParseException.require(target < i, "name pointer does not point backwards");
                ParseException.require(++jumps <= MAX_JUMPS, "too many name pointers");
                if (end < 0) end = i + 2;
                i = target;
                continue;
            }
            ParseException.require((len & 0xc0) == 0, "unsupported label type");
            need(p, i + 1, len);
            if (b.length() > 0) b.append('.');
            b.append(new String(p, i + 1, len, StandardCharsets.UTF_8));
            ParseException.require(b.length() <= MAX_NAME, "name longer than " + MAX_NAME);
            i += 1 + len;
        }
        pos[0] = end >= 0 ? end : i;
        return b.toString();
    }

    private static int u16(byte[] p, int i) {
        return ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }

    private static void need(byte[] p, int at, int n) throws ParseException {
        if (at < 0 || n < 0 || at + n > p.length) throw new ParseException("truncated at byte " + at + " (needs " + n + " of " + p.length + ")");
    }
}
