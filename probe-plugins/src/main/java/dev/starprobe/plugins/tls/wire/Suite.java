package dev.starprobe.plugins.tls.wire;

/**
 * A cipher suite and the properties a policy judges it by, derived from its IANA name.
 *
 * @param code          IANA code point
 * @param name          IANA name
 * @param keyExchange   RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, ECDHE_PSK, RSA_PSK, SRP, GOST, or TLS13
 * @param authentication RSA, DSS, ECDSA, PSK, SRP, GOST, anon, or TLS13 (certificate chosen separately)
 * @param cipher        the bulk cipher with its size and mode ("AES_128_GCM", "3DES_EDE_CBC", "NULL")
 * @param algorithm     the cipher family (AES, CAMELLIA, ARIA, CHACHA20, 3DES, DES, RC4, RC2, IDEA, SEED, NULL...)
 * @param bits          effective key strength of the bulk cipher (3DES: 112, export: 40, NULL: 0)
 * @param mode          AEAD, CBC, STREAM or NONE
 * @param mac           record MAC (MD5, SHA, SHA256, SHA384...) or AEAD
 * @param export        an export-grade suite (deliberately weakened)
 * @param forwardSecret the key exchange is ephemeral
 * @param minVersion    the oldest version the suite can be negotiated in
 */
public record Suite(int code, String name, String keyExchange, String authentication, String cipher, String algorithm,
                    int bits, String mode, String mac, boolean export, boolean forwardSecret, TlsVersion minVersion) {

    public boolean isTls13() {
        return minVersion == TlsVersion.TLS13;
    }

    public boolean anonymous() {
        return authentication.equals("anon");
    }

    public boolean usesPsk() {
        return authentication.equals("PSK");
    }

    /** Whether this suite may be negotiated in {@code v} (TLS 1.3 suites only in 1.3 and vice versa). */
    public boolean validIn(TlsVersion v) {
        TlsVersion t = v.tlsEquivalent();
        if (t == TlsVersion.TLS13) return isTls13();
        if (isTls13()) return false;
        if (v.isDtls() && algorithm.equals("RC4")) return false; // RFC 6347: no stream ciphers in DTLS
        return t.rank() >= minVersion.rank();
    }

    public String hex() {
        return String.format("0x%04X", code);
    }

    @Override
    public String toString() {
        return name;
    }
}
