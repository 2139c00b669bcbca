package dev.starprobe.plugins.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CoAP (RFC 7252) messages resource discovery needs: a NON GET of /.well-known/core (NON
 * because multicast requests must not be confirmable, §8.1) and its answer. Option lengths and the
 * token length are checked against the datagram; reserved values are rejected.
 */
record CoapMessage(int type, int code, int messageId, byte[] token, String payload) {
    static final int NON = 1;
    static final int CONTENT = 0x45; // 2.05
    private static final int URI_PATH = 11;

    static byte[] wellKnownCore(int messageId, byte[] token) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x40 | (NON << 4) | token.length);
        b.write(0x01);                          // GET
        b.write((messageId >> 8) & 0xff);
        b.write(messageId & 0xff);
        b.write(token, 0, token.length);
        byte[] wk = ".well-known".getBytes(StandardCharsets.US_ASCII);
        b.write((URI_PATH << 4) | wk.length);   // option delta 11, length 11
        b.write(wk, 0, wk.length);
        byte[] core = "core".getBytes(StandardCharsets.US_ASCII);
        b.write(core.length);                   // same option again: delta 0
        b.write(core, 0, core.length);
        return b.toByteArray();
    }

    static CoapMessage parse(byte[] p) throws ParseException {
        ParseException.require(p.length >= 4, "shorter than a CoAP header");
        ParseException.require((p[0] & 0xc0) == 0x40, "not CoAP version 1");
        int tkl = p[0] & 0x0f;
        ParseException.require(tkl <= 8, "reserved token length " + tkl);
        ParseException.require(p.length >= 4 + tkl, "truncated token");
        int i = 4 + tkl;
        while (i < p.length && (p[i] & 0xff) != 0xff) {
            int delta = (p[i] & 0xf0) >> 4;
            int len = p[i] & 0x0f;
            i++;
            int[] d = ext(p, i, delta);
            i = d[1];
            int[] l = ext(p, i, len);
            i = l[1];
            ParseException.require(i + l[0] <= p.length, "option value runs past the datagram");
            i += l[0];
        }
        String payload = "";
        if (i < p.length) {
            ParseException.require(i + 1 < p.length, "payload marker without payload");
            payload = new String(p, i + 1, p.length - i - 1, StandardCharsets.UTF_8);
        }
        return new CoapMessage((p[0] >> 4) & 0x3, p[1] & 0xff, ((p[2] & 0xff) << 8) | (p[3] & 0xff),
                Arrays.copyOfRange(p, 4, 4 + tkl), payload);
    }

    /** Extended option delta/length (§3.1): 13 and 14 take 1 or 2 more bytes, 15 is reserved. */
    private static int[] ext(byte[] p, int i, int nibble) throws ParseException {
        if (nibble < 13) return new int[]{nibble, i};
        ParseException.require(nibble != 15, "reserved option nibble 15");
        int extra = nibble == 13 ? 1 : 2;
        ParseException.require(i + extra <= p.length, "truncated option header");
        int v = nibble == 13 ? (p[i] & 0xff) + 13 : (((p[i] & 0xff) << 8) | (p[i + 1] & 0xff)) + 269;
        return new int[]{v, i + extra};
    }

    String codeText() {
        return (code >> 5) + "." + String.format("%02d", code & 0x1f);
    }

    /** Resource paths of a CoRE link-format document (RFC 6690), at most {@code max}. */
    static List<String> linkPaths(String linkFormat, int max) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < max) {
            int open = linkFormat.indexOf('<', i);
            if (open < 0) break;
            int close = linkFormat.indexOf('>', open);
            if (close < 0 || close - open > 256) break;
            out.add(Printable.hint(linkFormat.substring(open + 1, close)));
            i = close + 1;
        }
        return out;
    }
}
