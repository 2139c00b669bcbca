package dev.starprobe.plugins.replay.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CoAP (RFC 7252) messages kept whole: header, token, options (as number/value pairs) and payload, so a
 * request can be sent again with a new message ID, token or payload and everything else unchanged.
 */
public final class CoapWire {
    public static final int CON = 0;
    public static final int NON = 1;
    public static final int ACK = 2;
    public static final int URI_PATH = 11;
    public static final int URI_QUERY = 15;

    public record Option(int number, byte[] value) {
    }

    public record Message(int type, int code, int messageId, byte[] token, List<Option> options, byte[] payload) {
        public boolean request() {
            return code >= 1 && code <= 31;
        }

        public boolean response() {
            return code >= 64;
        }

        public String codeText() {
            return (code >> 5) + "." + String.format("%02d", code & 0x1f);
        }

        public String method() {
            return switch (code) {
                case 1 -> "GET";
                case 2 -> "POST";
                case 3 -> "PUT";
                case 4 -> "DELETE";
                case 5 -> "FETCH";
                case 6 -> "PATCH";
                case 7 -> "iPATCH";
                default -> "0." + String.format("%02d", code);
            };
        }

        public String path() {
            StringBuilder sb = new StringBuilder();
            for (Option o : options) if (o.number() == URI_PATH) sb.append('/').append(new String(o.value(), StandardCharsets.UTF_8));
            StringBuilder q = new StringBuilder();
            for (Option o : options) {
                if (o.number() == URI_QUERY) q.append(q.length() == 0 ? '?' : '&').append(new String(o.value(), StandardCharsets.UTF_8));
            }
            return (sb.length() == 0 ? "/" : sb.toString()) + q;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public Message with(int newType, int newMid, byte[] newToken, byte[] newPayload) {
            return new Message(newType, code, newMid, newToken, options, newPayload);
        }
    }

    private CoapWire() {
    }

    /** The message, or null when {@code p} is not a well-formed CoAP message. */
    public static Message parse(byte[] p) {
        if (p.length < 4 || (p[0] & 0xc0) != 0x40) return null;
        int tkl = p[0] & 0x0f;
        if (tkl > 8 || p.length < 4 + tkl) return null;
        int i = 4 + tkl;
        int number = 0;
        List<Option> options = new ArrayList<>();
        while (i < p.length && (p[i] & 0xff) != 0xff) {
            int delta = (p[i] & 0xf0) >> 4;
            int len = p[i] & 0x0f;
            i++;
            int[] d = ext(p, i, delta);
            if (d == null) return null;
            i = d[1];
            int[] l = ext(p, i, len);
            if (l == null) return null;
            i = l[1];
            if (i + l[0] > p.length) return null;
            number += d[0];
            options.add(new Option(number, Arrays.copyOfRange(p, i, i + l[0])));
            i += l[0];
        }
        byte[] payload = new byte[0];
        if (i < p.length) {
            if (i + 1 >= p.length) return null; // a payload marker must be followed by a payload
            payload = Arrays.copyOfRange(p, i + 1, p.length);
        }
        return new Message((p[0] >> 4) & 3, p[1] & 0xff, ((p[2] & 0xff) << 8) | (p[3] & 0xff),
                Arrays.copyOfRange(p, 4, 4 + tkl), options, payload);
    }

    private static int[] ext(byte[] p, int i, int nibble) {
        if (nibble < 13) return new int[]{nibble, i};
        if (nibble == 15) return null;
        int extra = nibble == 13 ? 1 : 2;
        if (i + extra > p.length) return null;
        int v = nibble == 13 ? (p[i] & 0xff) + 13 : (((p[i] & 0xff) << 8) | (p[i + 1] & 0xff)) + 269;
        return new int[]{v, i + extra};
    }

    public static byte[] encode(Message m) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x40 | (m.type() << 4) | m.token().length);
        b.write(m.code());
        b.write((m.messageId() >> 8) & 0xff);
        b.write(m.messageId() & 0xff);
        b.writeBytes(m.token());
        int last = 0;
        for (Option o : m.options()) {
            int delta = o.number() - last;
            int len = o.value().length;
            b.write((nibble(delta) << 4) | nibble(len));
            extended(b, delta);
            extended(b, len);
            b.writeBytes(o.value());
            last = o.number();
        }
        if (m.payload().length > 0) {
            b.write(0xff);
            b.writeBytes(m.payload());
        }
        return b.toByteArray();
    }

    /** A confirmable GET of {@code path} (the state oracle). */
    public static Message get(String path, int mid, byte[] token) {
        List<Option> opts = new ArrayList<>();
        for (String seg : path.split("/")) if (!seg.isEmpty()) opts.add(new Option(URI_PATH, seg.getBytes(StandardCharsets.UTF_8)));
        return new Message(CON, 1, mid, token, opts, new byte[0]);
    }

    private static int nibble(int v) {
        return v < 13 ? v : v < 269 ? 13 : 14;
    }

    private static void extended(ByteArrayOutputStream b, int v) {
        if (v >= 269) {
            b.write(((v - 269) >> 8) & 0xff);
            b.write((v - 269) & 0xff);
        } else if (v >= 13) {
            b.write(v - 13);
        }
    }
}
