package dev.starprobe.plugins.tls.wire;

/**
 * The ephemeral key-exchange parameters a TLS 1.2-or-older server sent in its ServerKeyExchange.
 *
 * @param namedGroup ECDHE: the curve code; null for finite-field DH
 * @param dhBits     DHE: size of the prime in bits; 0 for ECDHE
 */
public record KeyExchange(Integer namedGroup, int dhBits) {
    public String describe() {
        return namedGroup != null ? NamedGroups.describe(namedGroup) : "DH " + dhBits + " bits";
    }
}
