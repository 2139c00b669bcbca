package dev.starprobe.plugins.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SNMP v1/v2c Get, GetNext and Set requests and their Response (RFC 1157, RFC 3416) in BER, just what
 * discovery and the write test need. Hand-built over the engine's socket rather than SNMP4J's own
 * transport, which would bypass the scope guard; the decoder checks every length against the bytes
 * present and nests at most a fixed depth.
 */
final class SnmpMessage {
    static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
    static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";
    static final int GET_RESPONSE = 0xa2;
    static final int VERSION_1 = 0;
    static final int VERSION_2C = 1;

    private SnmpMessage() {
    }

    /**
     * @param values the objects as escaped text (exception values such as noSuchObject left out)
     * @param raw    every object's value as sent, exceptions included, for writing it back unchanged
     */
    record Response(int version, String community, int requestId, int errorStatus, int errorIndex,
                    Map<String, String> values, Map<String, SnmpValue> raw) {
    }

    static final int GET_REQUEST = 0xa0;
    static final int GET_NEXT_REQUEST = 0xa1;
    static final int SET_REQUEST = 0xa3;
    private static final byte[] NULL = {0x05, 0x00};

    static byte[] get(String community, int requestId, List<String> oids) {
        return request(GET_REQUEST, community, requestId, oids);
    }

    static byte[] request(int pduTag, String community, int requestId, List<String> oids) {
        return message(VERSION_2C, pduTag, community, requestId, oids.stream().map(o -> varbind(o, NULL)).toList());
    }

    /** A GetRequest of {@code oids} in {@code version} (v1 or v2c). */
    static byte[] get(int version, String community, int requestId, List<String> oids) {
        return message(version, GET_REQUEST, community, requestId, oids.stream().map(o -> varbind(o, NULL)).toList());
    }

    /** A SetRequest of one object to {@code value}, encoded with the tag and bytes given. */
    static byte[] set(int version, String community, int requestId, String oid, SnmpValue value) {
        return message(version, SET_REQUEST, community, requestId, List.of(varbind(oid, tlv(value.tag(), value.bytes()))));
    }

    private static byte[] varbind(String oid, byte[] encodedValue) {
        return tlv(0x30, concat(tlv(0x06, encodeOid(oid)), encodedValue));
    }

    private static byte[] message(int version, int pduTag, String community, int requestId, List<byte[]> varbinds) {
        ByteArrayOutputStream vbs = new ByteArrayOutputStream();
        for (byte[] vb : varbinds) vbs.write(vb, 0, vb.length);
        byte[] pdu = tlv(pduTag, concat(integer(requestId), integer(0), integer(0), tlv(0x30, vbs.toByteArray())));
        return tlv(0x30, concat(integer(version), tlv(0x04, community.getBytes(StandardCharsets.UTF_8)), pdu));
    }

    static Response parse(byte[] p) throws ParseException {
        Ber msg = new Ber(p, 0, p.length);
        Ber seq = msg.next(0x30).inside();
        int version = seq.next(0x02).intValue();
        ParseException.require(version == VERSION_1 || version == VERSION_2C, "not SNMP v1/v2c (version field " + version + ")");
        String community = new String(seq.next(0x04).bytes(), StandardCharsets.ISO_8859_1);
        Ber.Tlv pduTlv = seq.next(-1);
        ParseException.require(pduTlv.tag() == GET_RESPONSE, String.format("not a Response PDU (tag 0x%02x)", pduTlv.tag()));
        Ber pdu = pduTlv.inside();
        int requestId = pdu.next(0x02).intValue();
        int errorStatus = pdu.next(0x02).intValue();
        int errorIndex = pdu.next(0x02).intValue();
        Ber vbs = pdu.next(0x30).inside();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, SnmpValue> raw = new LinkedHashMap<>();
        while (vbs.hasMore() && raw.size() < 16) {
            Ber vb = vbs.next(0x30).inside();
            String oid = decodeOid(vb.next(0x06).bytes());
            Ber.Tlv v = vb.next(-1);
            raw.put(oid, new SnmpValue(v.tag(), v.bytes()));
            String text = switch (v.tag()) {
                case 0x04 -> Printable.hint(new String(v.bytes(), StandardCharsets.UTF_8));
                case 0x06 -> decodeOid(v.bytes());
                case 0x02, 0x41, 0x42, 0x43 -> String.valueOf(v.intValue());
                case 0x80, 0x81, 0x82 -> null; // noSuchObject, noSuchInstance, endOfMibView
                default -> String.format("(type 0x%02x)", v.tag());
            };
            if (text != null) values.put(oid, text);
        }
        return new Response(version, Printable.hint(community), requestId, errorStatus, errorIndex, values, raw);
    }

    // ---- BER ----

    /** A cursor over BER TLVs between two offsets; nothing is read beyond {@code end}. */
    static final class Ber {
        private final byte[] p;
        private int i;
        private final int end;

        Ber(byte[] p, int from, int end) {
            this.p = p;
            this.i = from;
            this.end = end;
        }

        boolean hasMore() {
            return i < end;
        }

        record Tlv(byte[] p, int tag, int from, int length) {
            Ber inside() {
                return new Ber(p, from, from + length);
            }

            byte[] bytes() {
                return java.util.Arrays.copyOfRange(p, from, from + length);
            }

            int intValue() throws ParseException {
                ParseException.require(length >= 1 && length <= 5, "integer of " + length + " bytes");
                long v = p[from]; // sign-extended first byte
                for (int k = 1; k < length; k++) v = (v << 8) | (p[from + k] & 0xff);
                ParseException.require(v >= Integer.MIN_VALUE && v <= 0xffffffffL, "integer out of range");
                return (int) v;
            }
        }

        /** The next TLV; {@code expected} -1 accepts any tag. */
        Tlv next(int expected) throws ParseException {
            ParseException.require(i + 2 <= end, "truncated BER at byte " + i);
            int tag = p[i] & 0xff;
            ParseException.require((tag & 0x1f) != 0x1f, "multi-byte BER tags are not used by SNMP");
            ParseException.require(expected < 0 || tag == expected, String.format("expected tag 0x%02x, found 0x%02x at byte %d", expected, tag, i));
            int lenByte = p[i + 1] & 0xff;
            int at = i + 2;
            long len;
            if (lenByte < 0x80) {
                len = lenByte;
            } else {
                int n = lenByte & 0x7f;
                ParseException.require(n >= 1 && n <= 3, "unsupported BER length form");
                ParseException.require(at + n <= end, "truncated BER length");
                len = 0;
                for (int k = 0; k < n; k++) len = (len << 8) | (p[at + k] & 0xff);
                at += n;
            }
            ParseException.require(at + len <= end, "BER value of " + len + " bytes runs past its container");
            i = (int) (at + len);
            return new Tlv(p, tag, at, (int) len);
        }
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        if (value.length < 0x80) {
            b.write(value.length);
        } else if (value.length < 0x100) {
            b.write(0x81);
            b.write(value.length);
        } else {
            b.write(0x82);
            b.write(value.length >> 8);
            b.write(value.length & 0xff);
        }
        b.write(value, 0, value.length);
        return b.toByteArray();
    }

    static byte[] integer(int v) {
        byte[] four = {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
        int start = 0;
        while (start < 3 && ((four[start] == 0 && four[start + 1] >= 0) || (four[start] == -1 && four[start + 1] < 0))) start++;
        return tlv(0x02, java.util.Arrays.copyOfRange(four, start, 4));
    }

    static byte[] encodeOid(String oid) {
        String[] parts = oid.split("\\.");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int k = 2; k < parts.length; k++) {
            long v = Long.parseLong(parts[k]);
            int groups = 1;
            while ((v >> (7 * groups)) != 0) groups++;
            for (int g = groups - 1; g >= 0; g--) b.write((int) ((v >> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
        }
        return b.toByteArray();
    }

    static String decodeOid(byte[] b) throws ParseException {
        ParseException.require(b.length >= 1 && b.length <= 128, "OID of " + b.length + " bytes");
        StringBuilder s = new StringBuilder();
        int first = b[0] & 0xff;
        s.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
        long v = 0;
        int groupBytes = 0;
        for (int k = 1; k < b.length; k++) {
            v = (v << 7) | (b[k] & 0x7f);
            ParseException.require(++groupBytes <= 5, "OID arc too large");
            if ((b[k] & 0x80) == 0) {
                s.append('.').append(v);
                v = 0;
                groupBytes = 0;
            }
        }
        ParseException.require(groupBytes == 0, "truncated OID");
        return s.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] x : parts) b.write(x, 0, x.length);
        return b.toByteArray();
    }
}
