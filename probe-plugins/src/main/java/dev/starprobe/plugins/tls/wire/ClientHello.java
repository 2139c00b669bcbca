package dev.starprobe.plugins.tls.wire;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a ClientHello offering exactly what the caller chooses: any version, any suite code, any
 * group, with or without compression. Written by hand rather than through a TLS library because a
 * scanner must offer what libraries refuse (SSLv3, export, RC4, NULL, anonymous suites) and only
 * needs the server's first flight back: no key is ever computed from these hellos.
 */
public final class ClientHello {
    static final int EXT_SERVER_NAME = 0;
    static final int EXT_SUPPORTED_GROUPS = 10;
    static final int EXT_EC_POINT_FORMATS = 11;
    static final int EXT_SIGNATURE_ALGORITHMS = 13;
    static final int EXT_SERVER_CERTIFICATE_TYPE = 20;
    static final byte CERT_TYPE_X509 = 0;
    static final byte CERT_TYPE_RAW_PUBLIC_KEY = 2;
    static final int EXT_ENCRYPT_THEN_MAC = 22;
    static final int EXT_EXTENDED_MASTER_SECRET = 23;
    static final int EXT_SESSION_TICKET = 35;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_PSK_KEY_EXCHANGE_MODES = 45;
    static final int EXT_KEY_SHARE = 51;
    static final int EXT_RENEGOTIATION_INFO = 0xff01;
    static final int SCSV_RENEGOTIATION = 0x00ff;
    public static final int COMPRESSION_DEFLATE = 1;

    /** Signature schemes offered: modern first, then the legacy ones a weak device may only have. */
    private static final int[] SIGNATURE_SCHEMES = {
            0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b,
            0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0203, 0x0201, 0x0202};

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TlsVersion version;
    private final List<Integer> suites;
    private final List<Integer> groups;
    private final boolean deflate;
    private final Integer keyShareGroup;
    private final String serverName;
    // fixed per hello: a DTLS server's cookie covers the ClientHello, which must be resent identical
    private final byte[] random = new byte[32];
    private final byte[] keyShare = new byte[32];

    private ClientHello(TlsVersion version, List<Integer> suites, List<Integer> groups, boolean deflate,
                        Integer keyShareGroup, String serverName) {
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(keyShare);
        this.version = version;
        this.suites = List.copyOf(suites);
        this.groups = List.copyOf(groups);
        this.deflate = deflate;
        this.keyShareGroup = keyShareGroup;
        this.serverName = serverName;
    }

    /**
     * @param version       the highest version offered (TLS 1.3 / DTLS 1.3: only that version, through supported_versions)
     * @param suites        suite codes in offer order
     * @param groups        supported_groups in offer order (empty: the extension is left out)
     * @param deflate       offer DEFLATE compression before NULL
     * @param keyShareGroup 1.3 only: the group of the one key share sent (x25519 supported), or null
     *                      for an empty key_share, which a 1.3 server answers with a HelloRetryRequest
     *                      naming the group it prefers
     * @param serverName    SNI host name, or null (never an IP literal: RFC 6066 forbids it)
     */
    public static ClientHello of(TlsVersion version, List<Integer> suites, List<Integer> groups, boolean deflate,
                                 Integer keyShareGroup, String serverName) {
        if (keyShareGroup != null && keyShareGroup != NamedGroups.X25519) {
            throw new IllegalArgumentException("only x25519 key shares can be sent");
        }
        return new ClientHello(version, suites, groups, deflate, keyShareGroup, serverName);
    }

    public TlsVersion version() {
        return version;
    }

    public List<Integer> suites() {
        return suites;
    }

    public List<Integer> groups() {
        return groups;
    }

    /** A TLS record carrying this ClientHello. */
    public byte[] tlsRecord() {
        byte[] hs = handshake(body(null), 1);
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(22);
        // record-layer version: SSLv3 for an SSLv3 hello, otherwise TLS 1.0 for compatibility (RFC 8446 5.1)
        u16(rec, version == TlsVersion.SSL3 ? 0x0300 : 0x0301);
        u16(rec, hs.length);
        rec.writeBytes(hs);
        return rec.toByteArray();
    }

    /** A DTLS record carrying this ClientHello, with the cookie from a HelloVerifyRequest (or empty). */
    public byte[] dtlsRecord(byte[] cookie, int messageSeq, long recordSeq) {
        byte[] body = body(cookie == null ? new byte[0] : cookie);
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1);
        u24(hs, body.length);
        u16(hs, messageSeq);
        u24(hs, 0);
        u24(hs, body.length);
        hs.writeBytes(body);
        byte[] h = hs.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(22);
        // DTLS 1.0 hellos carry the 1.0 record version; later ones the DTLS 1.2 one (RFC 9147 5.1)
        u16(rec, version == TlsVersion.DTLS10 ? 0xfeff : 0xfefd);
        u16(rec, 0); // epoch
        u16(rec, (int) (recordSeq >>> 32));
        u16(rec, (int) ((recordSeq >>> 16) & 0xffff));
        u16(rec, (int) (recordSeq & 0xffff));
        u16(rec, h.length);
        rec.writeBytes(h);
        return rec.toByteArray();
    }

    private byte[] body(byte[] dtlsCookie) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int legacy = version.is13() ? (version.isDtls() ? TlsVersion.DTLS12.code() : TlsVersion.TLS12.code()) : version.code();
        u16(b, legacy);
        b.writeBytes(random);
        b.write(0); // no session id: a fresh session every time
        if (dtlsCookie != null) {
            b.write(dtlsCookie.length);
            b.writeBytes(dtlsCookie);
        }
        List<Integer> offered = new ArrayList<>(suites);
        if (version == TlsVersion.SSL3) offered.add(SCSV_RENEGOTIATION); // SSLv3 has no extensions
        u16(b, offered.size() * 2);
        for (int s : offered) u16(b, s);
        if (deflate) {
            b.write(2);
            b.write(COMPRESSION_DEFLATE);
            b.write(0);
        } else {
            b.write(1);
            b.write(0);
        }
        if (version != TlsVersion.SSL3) {
            byte[] ext = extensions();
            u16(b, ext.length);
            b.writeBytes(ext);
        }
        return b.toByteArray();
    }

    private byte[] extensions() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        if (serverName != null) {
            byte[] host = serverName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteArrayOutputStream sn = new ByteArrayOutputStream();
            u16(sn, host.length + 3);
            sn.write(0);
            u16(sn, host.length);
            sn.writeBytes(host);
            ext(e, EXT_SERVER_NAME, sn.toByteArray());
        }
        if (!groups.isEmpty()) {
            ByteArrayOutputStream g = new ByteArrayOutputStream();
            u16(g, groups.size() * 2);
            for (int x : groups) u16(g, x);
            ext(e, EXT_SUPPORTED_GROUPS, g.toByteArray());
            ext(e, EXT_EC_POINT_FORMATS, new byte[]{1, 0});
        }
        if (version.tlsEquivalent().rank() >= TlsVersion.TLS12.rank()) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u16(s, SIGNATURE_SCHEMES.length * 2);
            for (int x : SIGNATURE_SCHEMES) u16(s, x);
            ext(e, EXT_SIGNATURE_ALGORITHMS, s.toByteArray());
        }
        if (version.is13()) {
            ext(e, EXT_SUPPORTED_VERSIONS, new byte[]{2, (byte) (version.code() >> 8), (byte) version.code()});
            ByteArrayOutputStream ks = new ByteArrayOutputStream();
            if (keyShareGroup == null) {
                u16(ks, 0);
            } else {
                byte[] key = keyShare; // any 32 bytes are an X25519 public value; no secret is ever derived
                u16(ks, 2 + 2 + key.length);
                u16(ks, keyShareGroup);
                u16(ks, key.length);
                ks.writeBytes(key);
            }
            ext(e, EXT_KEY_SHARE, ks.toByteArray());
            ext(e, EXT_PSK_KEY_EXCHANGE_MODES, new byte[]{1, 1});
        } else {
            // what the answer tells: RFC 5746, RFC 7366, RFC 7627, RFC 5077 support
            ext(e, EXT_RENEGOTIATION_INFO, new byte[]{0});
            ext(e, EXT_ENCRYPT_THEN_MAC, new byte[0]);
            ext(e, EXT_EXTENDED_MASTER_SECRET, new byte[0]);
            if (!version.isDtls()) ext(e, EXT_SESSION_TICKET, new byte[0]);
        }
        if (version.isDtls()) {
            // RFC 7250: X.509 or a raw public key, so a server that only has a raw key can still answer
            ext(e, EXT_SERVER_CERTIFICATE_TYPE, new byte[]{2, CERT_TYPE_X509, CERT_TYPE_RAW_PUBLIC_KEY});
        }
        return e.toByteArray();
    }

    private static byte[] handshake(byte[] body, int type) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(type);
        u24(h, body.length);
        h.writeBytes(body);
        return h.toByteArray();
    }

    private static void ext(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >>> 8);
        o.write(v);
    }

    static void u24(ByteArrayOutputStream o, int v) {
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }
}
