package dev.starprobe.plugins.mqtt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The few MQTT 3.1.1 packets a probe needs, built by hand so the bytes on the wire are exactly known. */
public final class MqttPackets {
    private MqttPackets() {
    }

    /** CONNECT with clean session and no credentials (what an anonymous client sends). */
    public static byte[] connect(String clientId) {
        ByteArrayOutputStream var = new ByteArrayOutputStream();
        writeString(var, "MQTT");
        var.write(4);          // protocol level 3.1.1
        var.write(0x02);       // clean session, no will, no credentials
        var.write(0);
        var.write(10);         // keep-alive 10 s
        writeString(var, clientId);
        return packet(0x10, var.toByteArray());
    }

    /** SUBSCRIBE with {@code packetId} to every filter at QoS 0. */
    public static byte[] subscribe(int packetId, java.util.List<String> filters) {
        ByteArrayOutputStream var = new ByteArrayOutputStream();
        var.write(packetId >> 8);
        var.write(packetId & 0xff);
        for (String f : filters) {
            writeString(var, f);
            var.write(0);
        }
        return packet(0x82, var.toByteArray());
    }

    /** Fixed header (type and flags, remaining length) before {@code body}. */
    private static byte[] packet(int typeAndFlags, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(typeAndFlags);
        writeLength(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static byte[] disconnect() {
        return new byte[]{(byte) 0xe0, 0};
    }

    /** The CONNACK return code, or -1 when {@code b} is not a CONNACK. */
    public static int connackCode(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0x20 || b[1] != 2) return -1;
        return b[3] & 0xff;
    }

    public static String describe(int code) {
        return switch (code) {
            case 0 -> "accepted";
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "code " + code;
        };
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.writeBytes(b);
    }

    private static void writeLength(ByteArrayOutputStream out, int len) {
        do {
            int digit = len % 128;
            len /= 128;
            out.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
    }
}
