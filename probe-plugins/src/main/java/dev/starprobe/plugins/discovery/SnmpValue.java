package dev.starprobe.plugins.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SNMP value exactly as the agent encoded it (BER tag and content bytes), so that it can be written
 * back byte for byte: a no-op SET must carry the very value that was read, not a re-encoding of its text.
 */
public record SnmpValue(int tag, byte[] bytes) {
    static final int OCTET_STRING = 0x04;

    public SnmpValue {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** noSuchObject, noSuchInstance or endOfMibView (v2c): the agent has no such object to give. */
    public boolean isException() {
        return tag == 0x80 || tag == 0x81 || tag == 0x82;
    }

    /** The value for a report: text for an OCTET STRING, escaped and capped; otherwise its type and size. */
    public String printable() {
        if (tag == OCTET_STRING) return "'" + Printable.of(new String(bytes, StandardCharsets.UTF_8), 64) + "'";
        return String.format("(type 0x%02x, %d bytes)", tag, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnmpValue v && v.tag == tag && Arrays.equals(v.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return printable();
    }
}
