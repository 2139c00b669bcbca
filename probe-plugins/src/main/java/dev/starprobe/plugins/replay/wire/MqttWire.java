package dev.starprobe.plugins.replay.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MQTT 3.1, 3.1.1 and 5 control packets as far as replay needs them: framing, CONNECT, SUBSCRIBE and
 * PUBLISH decoded (v5 properties skipped), and those packets built again. Lengths are checked against
 * the bytes present; a malformed packet ends parsing of the stream.
 */
public final class MqttWire {
    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int DISCONNECT = 14;

    /** One framed packet: type, flags (low nibble), body, and where it sits in the stream. */
    public record Packet(int type, int flags, byte[] body, int start, int end) {
    }

    public record Connect(int level, String clientId, String username, byte[] password, int keepAlive) {
    }

    public record Publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private MqttWire() {
    }

    /** Whether a stream starts with an MQTT CONNECT. */
    public static boolean looksLikeConnect(byte[] b) {
        Packet p = packet(b, 0);
        return p != null && p.type() == CONNECT && connect(p) != null;
    }

    public static List<Packet> packets(byte[] b) {
        List<Packet> out = new ArrayList<>();
        int off = 0;
        while (off < b.length) {
            Packet p = packet(b, off);
            if (p == null) break;
            out.add(p);
            off = p.end();
        }
        return out;
    }

    public static Packet packet(byte[] b, int off) {
        if (off + 2 > b.length) return null;
        int len = 0;
        int mul = 1;
        int i = off + 1;
        for (int n = 0; ; n++) {
            if (n == 4 || i >= b.length) return null;
            int d = b[i++] & 0xff;
            len += (d & 0x7f) * mul;
            mul *= 128;
            if ((d & 0x80) == 0) break;
        }
        if (i + len > b.length) return null;
        return new Packet((b[off] & 0xf0) >> 4, b[off] & 0x0f, Arrays.copyOfRange(b, i, i + len), off, i + len);
    }

    public static Connect connect(Packet p) {
        byte[] b = p.body();
        Cursor c = new Cursor(b);
        String proto = c.string();
        if (proto == null || !(proto.equals("MQTT") || proto.equals("MQIsdp"))) return null;
        int level = c.u8();
        int flags = c.u8();
        int keepAlive = c.u16();
        if (level < 0 || flags < 0 || keepAlive < 0) return null;
        if (level == 5 && !c.skipProperties()) return null;
        String clientId = c.string();
        if (clientId == null) return null;
        if ((flags & 0x04) != 0) { // will: properties (v5), topic, payload
            if (level == 5 && !c.skipProperties()) return null;
            if (c.string() == null || c.bytes() == null) return null;
        }
        String user = (flags & 0x80) != 0 ? c.string() : null;
        byte[] password = (flags & 0x40) != 0 ? c.bytes() : null;
        return new Connect(level, clientId, user, password, keepAlive);
    }

    /** Topic filters of a SUBSCRIBE. */
    public static List<String> subscribe(Packet p, int level) {
        Cursor c = new Cursor(p.body());
        List<String> out = new ArrayList<>();
        if (c.u16() < 0 || (level == 5 && !c.skipProperties())) return out;
        while (c.remaining() > 0) {
            String t = c.string();
            if (t == null || c.u8() < 0) break;
            out.add(t);
        }
        return out;
    }

    public static Publish publish(Packet p, int level) {
        int qos = (p.flags() >> 1) & 3;
        Cursor c = new Cursor(p.body());
        String topic = c.string();
        if (topic == null || qos == 3) return null;
        int id = qos > 0 ? c.u16() : 0;
        if (id < 0 || (level == 5 && !c.skipProperties())) return null;
        return new Publish(topic, c.rest(), qos, (p.flags() & 1) != 0, (p.flags() & 8) != 0, id);
    }

    // ---------------------------------------------------------------- building

    public static byte[] connect(int level, String clientId, String user, byte[] password, int keepAlive) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        str(v, level == 3 ? "MQIsdp" : "MQTT");
        v.write(level);
        v.write(0x02 | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0));
        v.write(keepAlive >> 8);
        v.write(keepAlive & 0xff);
        if (level == 5) v.write(0);
        str(v, clientId);
        if (user != null) str(v, user);
        if (password != null) bin(v, password);
        return frame(CONNECT << 4, v.toByteArray());
    }

    public static byte[] subscribe(int level, int packetId, List<String> filters) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write(packetId >> 8);
        v.write(packetId & 0xff);
        if (level == 5) v.write(0);
        for (String f : filters) {
            str(v, f);
            v.write(0); // QoS 0 deliveries are enough to observe effects
        }
        return frame((SUBSCRIBE << 4) | 0x02, v.toByteArray());
    }

    public static byte[] publish(int level, Publish p) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        str(v, p.topic());
        if (p.qos() > 0) {
            v.write(p.packetId() >> 8);
            v.write(p.packetId() & 0xff);
        }
        if (level == 5) v.write(0);
        v.writeBytes(p.payload());
        int flags = (p.dup() ? 8 : 0) | (p.qos() << 1) | (p.retain() ? 1 : 0);
        return frame((PUBLISH << 4) | flags, v.toByteArray());
    }

    public static byte[] disconnect() {
        return new byte[]{(byte) 0xe0, 0};
    }

    private static byte[] frame(int first, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int len = body.length;
        do {
            int d = len % 128;
            len /= 128;
            out.write(len > 0 ? d | 0x80 : d);
        } while (len > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void str(ByteArrayOutputStream o, String s) {
        bin(o, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bin(ByteArrayOutputStream o, byte[] b) {
        o.write(b.length >> 8);
        o.write(b.length & 0xff);
        o.writeBytes(b);
    }

    /** Reads fields from a packet body; every read returns null or -1 past the end. */
    private static final class Cursor {
        private final byte[] b;
        private int i;

        Cursor(byte[] b) {
            this.b = b;
        }

        int remaining() {
            return b.length - i;
        }

        int u8() {
            return i < b.length ? b[i++] & 0xff : -1;
        }

        int u16() {
            if (i + 2 > b.length) return -1;
            int v = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            i += 2;
            return v;
        }

        byte[] bytes() {
            int n = u16();
            if (n < 0 || i + n > b.length) return null;
            byte[] out = Arrays.copyOfRange(b, i, i + n);
            i += n;
            return out;
        }

        String string() {
            byte[] s = bytes();
            return s == null ? null : new String(s, StandardCharsets.UTF_8);
        }

        boolean skipProperties() {
            int len = 0;
            int mul = 1;
            for (int n = 0; ; n++) {
                int d = u8();
                if (d < 0 || n == 4) return false;
                len += (d & 0x7f) * mul;
                mul *= 128;
                if ((d & 0x80) == 0) break;
            }
            if (i + len > b.length) return false;
            i += len;
            return true;
        }

        byte[] rest() {
            byte[] out = Arrays.copyOfRange(b, i, b.length);
            i = b.length;
            return out;
        }
    }
}
