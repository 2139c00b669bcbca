package dev.starprobe.plugins.tls.wire;

import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a server chose.
 *
 * @param legacyVersion   the version field of the message
 * @param version         the negotiated version: supported_versions when present, else the version field
 * @param suite           chosen cipher suite code
 * @param compression     chosen compression method (0: none)
 * @param extensions      extension type to raw data, as sent
 * @param helloRetry      a TLS 1.3 HelloRetryRequest rather than a ServerHello
 * @param keyShareGroup   1.3: the group of the server's key share (or the group a HelloRetryRequest asks for)
 */
public record ServerHello(int legacyVersion, int version, int suite, int compression, Map<Integer, byte[]> extensions,
                          boolean helloRetry, Integer keyShareGroup) {
    /** SHA-256("HelloRetryRequest"): the fixed random of a HelloRetryRequest (RFC 8446 4.1.3). */
    static final byte[] HRR_RANDOM = HexFormat.of().parseHex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    public ServerHello {
        extensions = Collections.unmodifiableMap(extensions);
    }

    public boolean has(int extensionType) {
        return extensions.containsKey(extensionType);
    }

    public boolean secureRenegotiation() {
        return has(ClientHello.EXT_RENEGOTIATION_INFO);
    }

    public boolean extendedMasterSecret() {
        return has(ClientHello.EXT_EXTENDED_MASTER_SECRET);
    }

    public boolean encryptThenMac() {
        return has(ClientHello.EXT_ENCRYPT_THEN_MAC);
    }

    public boolean sessionTicket() {
        return has(ClientHello.EXT_SESSION_TICKET);
    }

    /** RFC 7250: the server authenticates with a bare public key instead of certificates. */
    public boolean rawPublicKey() {
        byte[] t = extensions.get(ClientHello.EXT_SERVER_CERTIFICATE_TYPE);
        return t != null && t.length == 1 && t[0] == ClientHello.CERT_TYPE_RAW_PUBLIC_KEY;
    }

    public String versionLabel() {
        return TlsVersion.describe(version);
    }
}
