package dev.starprobe.plugins.tls.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a server's first flight incrementally, for TLS (a byte stream) or DTLS (datagrams), and
 * stops as soon as it knows enough: an alert, a HelloVerifyRequest, a TLS 1.3 ServerHello (the rest
 * is encrypted) or a ServerHelloDone. Input is hostile: sizes are checked, totals are capped, and
 * anything that is not TLS ends parsing with a reason instead of an exception.
 */
public final class FlightParser {
    private static final int MAX_RECORD = (1 << 14) + 2048;
    private static final int FIRST_BYTES = 64;

    private final boolean dtls;
    private final Suites suites;
    private final int maxBytes;

    private final ByteArrayOutputStream stream = new ByteArrayOutputStream(); // TLS: unparsed record bytes
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream(); // TLS: unparsed handshake bytes
    private final Map<Integer, Fragments> dtlsMessages = new TreeMap<>();
    private final List<Integer> dtlsDone = new ArrayList<>();
    private byte[] deferredKeyExchange;

    private ServerHello hello;
    private final List<byte[]> certificates = new ArrayList<>();
    private byte[] rawPublicKey;
    private KeyExchange keyExchange;
    private Alert alert;
    private byte[] cookie;
    private String malformed;
    private byte[] firstBytes = new byte[0];
    private int total;
    private boolean done;
    private boolean sawRecord;

    public FlightParser(boolean dtls, Suites suites, int maxBytes) {
        this.dtls = dtls;
        this.suites = suites;
        this.maxBytes = maxBytes;
    }

    public boolean done() {
        return done;
    }

    public ServerFlight flight() {
        return new ServerFlight(hello, certificates, rawPublicKey, keyExchange, alert, cookie, malformed, firstBytes, total);
    }

    /** TLS: the next bytes of the stream; DTLS: one whole datagram. */
    public void feed(byte[] data) {
        if (done || data.length == 0) return;
        if (firstBytes.length < FIRST_BYTES) {
            byte[] f = Arrays.copyOf(firstBytes, Math.min(FIRST_BYTES, firstBytes.length + data.length));
            System.arraycopy(data, 0, f, firstBytes.length, f.length - firstBytes.length);
            firstBytes = f;
        }
        total += data.length;
        try {
            if (dtls) datagram(data);
            else streamBytes(data);
        } catch (Cursor.Malformed e) {
            stop(sawRecord ? "malformed handshake: " + e.getMessage() : "not TLS: " + e.getMessage());
        }
        if (!done && total > maxBytes) {
            stop("server flight larger than " + maxBytes + " bytes");
        }
    }

    private void stop(String why) {
        if (malformed == null && why != null) malformed = why;
        done = true;
    }

    // ---- TLS records ----

    private void streamBytes(byte[] data) throws Cursor.Malformed {
        stream.writeBytes(data);
        byte[] buf = stream.toByteArray();
        int pos = 0;
        while (!done && buf.length - pos >= 5) {
            int type = buf[pos] & 0xff;
            int major = buf[pos + 1] & 0xff;
            int minor = buf[pos + 2] & 0xff;
            int len = ((buf[pos + 3] & 0xff) << 8) | (buf[pos + 4] & 0xff);
            if (type < 20 || type > 23 || major != 3 || minor > 4 || len > MAX_RECORD) {
                stop(sawRecord ? "invalid TLS record header after valid records" : "not TLS: the answer does not start with a TLS record");
                return;
            }
            if (buf.length - pos - 5 < len) break;
            sawRecord = true;
            record(type, new Cursor(buf, pos + 5, pos + 5 + len), len);
            pos += 5 + len;
        }
        stream.reset();
        stream.write(buf, pos, buf.length - pos);
    }

    private void record(int type, Cursor body, int len) throws Cursor.Malformed {
        switch (type) {
            case 21 -> {
                if (hello != null && hello.version() == TlsVersion.TLS13.code()) {
                    done = true; // encrypted alert after a 1.3 ServerHello
                    return;
                }
                alert = new Alert(body.u8(), body.u8());
                done = true;
            }
            case 22 -> {
                handshake.writeBytes(body.bytes(len));
                byte[] hs = handshake.toByteArray();
                Cursor c = new Cursor(hs);
                int consumed = 0;
                while (!done && c.remaining() >= 4) {
                    int msgType = c.u8();
                    int msgLen = c.u24();
                    if (msgLen > maxBytes) throw new Cursor.Malformed("handshake message of " + msgLen + " bytes");
                    if (c.remaining() < msgLen) break;
                    message(msgType, c.bytes(msgLen));
                    consumed += 4 + msgLen;
                }
                handshake.reset();
                handshake.write(hs, consumed, hs.length - consumed);
            }
            case 23 -> {
                if (hello == null) throw new Cursor.Malformed("application data before ServerHello");
                done = true;
            }
            default -> { // 20 change_cipher_spec: TLS 1.3 middlebox compatibility, nothing to learn
            }
        }
    }

    // ---- DTLS records ----

    private void datagram(byte[] d) throws Cursor.Malformed {
        Cursor c = new Cursor(d);
        while (!done && c.remaining() > 0) {
            if (c.remaining() < 13) throw new Cursor.Malformed("short DTLS record header");
            int type = c.u8();
            int major = c.u8();
            c.u8();
            int epoch = c.u16();
            c.skip(6);
            int len = c.u16();
            if (type < 20 || type > 25 || major != 0xfe || len > MAX_RECORD) {
                stop(sawRecord ? "invalid DTLS record header" : "not DTLS: the answer does not start with a DTLS record");
                return;
            }
            Cursor body = c.slice(len);
            sawRecord = true;
            if (epoch != 0) { // encrypted: after a ServerHello, nothing more to read in the clear
                if (hello != null) done = true;
                continue;
            }
            if (type == 21) {
                alert = new Alert(body.u8(), body.u8());
                done = true;
            } else if (type == 22) {
                dtlsHandshake(body);
            }
        }
    }

    private void dtlsHandshake(Cursor c) throws Cursor.Malformed {
        while (!done && c.remaining() >= 12) {
            int type = c.u8();
            int length = c.u24();
            int seq = c.u16();
            int offset = c.u24();
            int fragLen = c.u24();
            byte[] frag = c.bytes(fragLen);
            if (length > maxBytes || offset + fragLen > length) throw new Cursor.Malformed("bad DTLS fragment");
            if (dtlsDone.contains(seq)) continue; // retransmission
            Fragments f = dtlsMessages.computeIfAbsent(seq, k -> new Fragments(type, length));
            f.add(offset, frag);
            if (f.complete()) {
                dtlsMessages.remove(seq);
                dtlsDone.add(seq);
                message(type, f.data);
            }
        }
    }

    /** Reassembly of one DTLS handshake message from fragments (RFC 6347 4.2.3). */
    private static final class Fragments {
        final int type;
        final byte[] data;
        final java.util.BitSet have;

        Fragments(int type, int length) {
            this.type = type;
            this.data = new byte[length];
            this.have = new java.util.BitSet(length);
        }

        void add(int offset, byte[] frag) {
            System.arraycopy(frag, 0, data, offset, frag.length);
            have.set(offset, offset + frag.length);
        }

        boolean complete() {
            return have.cardinality() == data.length;
        }
    }

    // ---- handshake messages ----

    private void message(int type, byte[] body) throws Cursor.Malformed {
        switch (type) {
            case 2 -> {
                hello = parseServerHello(new Cursor(body));
                if (hello.helloRetry() || hello.version() == TlsVersion.TLS13.code() || hello.version() == TlsVersion.DTLS13.code()) {
                    done = true;
                } else if (deferredKeyExchange != null) {
                    keyExchange = parseKeyExchange(new Cursor(deferredKeyExchange));
                }
            }
            case 3 -> { // DTLS HelloVerifyRequest
                Cursor c = new Cursor(body);
                c.u16();
                cookie = c.bytes(c.u8());
                done = true;
            }
            case 11 -> parseCertificates(new Cursor(body));
            case 12 -> {
                if (hello == null) deferredKeyExchange = body;
                else keyExchange = parseKeyExchange(new Cursor(body));
            }
            case 14, 20 -> done = true; // ServerHelloDone (or Finished of a resumed session)
            default -> { // CertificateRequest, CertificateStatus, HelloRequest: not needed
            }
        }
    }

    static ServerHello parseServerHello(Cursor c) throws Cursor.Malformed {
        int legacy = c.u16();
        byte[] random = c.bytes(32);
        c.skip(c.u8()); // session id
        int suite = c.u16();
        int compression = c.u8();
        Map<Integer, byte[]> ext = new LinkedHashMap<>();
        if (c.remaining() >= 2) {
            Cursor e = c.slice(c.u16());
            while (e.remaining() > 0) {
                int t = e.u16();
                ext.put(t, e.bytes(e.u16()));
            }
        }
        boolean hrr = Arrays.equals(random, ServerHello.HRR_RANDOM);
        int version = legacy;
        byte[] sv = ext.get(ClientHello.EXT_SUPPORTED_VERSIONS);
        if (sv != null && sv.length == 2) version = ((sv[0] & 0xff) << 8) | (sv[1] & 0xff);
        Integer group = null;
        byte[] ks = ext.get(ClientHello.EXT_KEY_SHARE);
        if (ks != null && ks.length >= 2) group = ((ks[0] & 0xff) << 8) | (ks[1] & 0xff);
        return new ServerHello(legacy, version, suite, compression, ext, hrr, group);
    }

    private void parseCertificates(Cursor c) throws Cursor.Malformed {
        if (hello != null && hello.version() == TlsVersion.TLS13.code()) return;
        byte[] type = hello == null ? null : hello.extensions().get(ClientHello.EXT_SERVER_CERTIFICATE_TYPE);
        if (type != null && type.length == 1 && type[0] == ClientHello.CERT_TYPE_RAW_PUBLIC_KEY) {
            rawPublicKey = c.bytes(c.u24()); // RFC 7250 section 3: one SubjectPublicKeyInfo, no list
            return;
        }
        Cursor list = c.slice(c.u24());
        while (list.remaining() > 0) {
            byte[] der = list.bytes(list.u24());
            if (certificates.size() < 16) certificates.add(der);
        }
    }

    /** ServerKeyExchange: the parameters for ECDHE (named curve) or DHE (prime size) suites. */
    private KeyExchange parseKeyExchange(Cursor c) throws Cursor.Malformed {
        Suite s = suites.byCode(hello.suite()).orElse(null);
        if (s == null) return null;
        String kx = s.keyExchange();
        if (kx.endsWith("_PSK")) c.skip(c.u16()); // psk_identity_hint precedes the DH parameters
        if (kx.startsWith("ECDHE")) {
            int curveType = c.u8();
            return curveType == 3 ? new KeyExchange(c.u16(), 0) : null; // explicit curves: not judged
        }
        if (kx.startsWith("DHE")) {
            byte[] p = c.bytes(c.u16());
            return new KeyExchange(null, new java.math.BigInteger(1, p).bitLength());
        }
        return null;
    }
}
