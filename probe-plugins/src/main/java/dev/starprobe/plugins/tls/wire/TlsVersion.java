package dev.starprobe.plugins.tls.wire;

import java.util.List;
import java.util.Optional;

/**
 * Protocol versions a probe can offer, with their wire codes. {@link #rank()} orders TLS and DTLS on
 * one scale (DTLS 1.0 is TLS 1.1 based, DTLS 1.2 is TLS 1.2 based, DTLS 1.3 is TLS 1.3 based), because
 * DTLS codes count downwards.
 */
public enum TlsVersion {
    SSL3(0x0300, "SSLv3", 0),
    TLS10(0x0301, "TLSv1.0", 1),
    TLS11(0x0302, "TLSv1.1", 2),
    TLS12(0x0303, "TLSv1.2", 3),
    TLS13(0x0304, "TLSv1.3", 4),
    DTLS10(0xfeff, "DTLSv1.0", 2),
    DTLS12(0xfefd, "DTLSv1.2", 3),
    DTLS13(0xfefc, "DTLSv1.3", 4);

    private final int code;
    private final String label;
    private final int rank;

    TlsVersion(int code, String label, int rank) {
        this.code = code;
        this.label = label;
        this.rank = rank;
    }

    public int code() {
        return code;
    }

    /** The name reports and policies use ("TLSv1.2"). */
    public String label() {
        return label;
    }

    public int rank() {
        return rank;
    }

    public boolean isDtls() {
        return (code & 0xff00) == 0xfe00;
    }

    /** TLS 1.3 or DTLS 1.3: negotiated with supported_versions, handshake encrypted after ServerHello. */
    public boolean is13() {
        return rank == 4;
    }

    /** The TLS version whose cipher suites and extensions this version uses. */
    public TlsVersion tlsEquivalent() {
        return switch (this) {
            case DTLS10 -> TLS11;
            case DTLS12 -> TLS12;
            case DTLS13 -> TLS13;
            default -> this;
        };
    }

    public static Optional<TlsVersion> ofCode(int code) {
        for (TlsVersion v : values()) if (v.code == code) return Optional.of(v);
        return Optional.empty();
    }

    public static Optional<TlsVersion> ofLabel(String label) {
        for (TlsVersion v : values()) if (v.label.equalsIgnoreCase(label)) return Optional.of(v);
        return Optional.empty();
    }

    /** Wire code as text even for codes this enum does not know (a server may answer anything). */
    public static String describe(int code) {
        return ofCode(code).map(TlsVersion::label).orElse(String.format("0x%04x", code));
    }

    public static List<TlsVersion> tls() {
        return List.of(SSL3, TLS10, TLS11, TLS12, TLS13);
    }

    public static List<TlsVersion> dtls() {
        return List.of(DTLS10, DTLS12, DTLS13);
    }
}
