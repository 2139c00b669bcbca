package dev.starprobe.plugins.tls.wire;

/**
 * Reads a bounded slice of bytes a device sent; every read is checked, so malformed or hostile
 * input ends in {@link Malformed}, never in an index error or a huge allocation.
 */
final class Cursor {
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private int pos;
    private final int end;

    Cursor(byte[] data) {
        this(data, 0, data.length);
    }

    Cursor(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    int remaining() {
        return end - pos;
    }

    int u8() throws Malformed {
        need(1);
        return data[pos++] & 0xff;
    }

    int u16() throws Malformed {
        need(2);
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int u24() throws Malformed {
        need(3);
        int v = ((data[pos] & 0xff) << 16) | ((data[pos + 1] & 0xff) << 8) | (data[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    byte[] bytes(int n) throws Malformed {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    /** A sub-cursor over the next {@code n} bytes, which this cursor skips. */
    Cursor slice(int n) throws Malformed {
        need(n);
        Cursor c = new Cursor(data, pos, pos + n);
        pos += n;
        return c;
    }

    void skip(int n) throws Malformed {
        need(n);
        pos += n;
    }

    private void need(int n) throws Malformed {
        if (n < 0 || n > end - pos) throw new Malformed("truncated: needed " + n + " bytes, " + (end - pos) + " left");
    }
}
