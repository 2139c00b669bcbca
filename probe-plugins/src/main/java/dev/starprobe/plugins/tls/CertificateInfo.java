package dev.starprobe.plugins.tls;

import java.time.Instant;
import java.util.List;

/**
 * What one certificate of a chain says, as far as a policy cares.
 *
 * @param position        "leaf" for the server's own certificate, "chain" for the others it sent
 * @param keyType         RSA, EC, DSA, Ed25519, Ed448 or other
 * @param keyBits         modulus, field or prime size; 0 when unknown
 * @param signatureHash   hash of the signature on this certificate (SHA1, SHA256...; "intrinsic" for EdDSA)
 * @param selfSigned      issued by itself and its signature verifies with its own key
 * @param issuerVerified  signed by the next certificate of the chain; null when that cannot be told
 * @param nameMatches     leaf only: the names cover the device's address or one of its names; null for others
 * @param names           subject alternative names and CN, for reports
 * @param keySha256       SHA-256 of the SubjectPublicKeyInfo
 * @param sha256          SHA-256 of the certificate
 * @param error           why it could not be parsed, or null
 */
public record CertificateInfo(int index, String position, String subject, String issuer, String keyType, int keyBits,
                              String signatureAlgorithm, String signatureHash, Instant notBefore, Instant notAfter,
                              boolean selfSigned, Boolean issuerVerified, Boolean nameMatches, List<String> names,
                              String keySha256, String sha256, String error) {
    public CertificateInfo {
        names = names == null ? List.of() : List.copyOf(names);
    }

    public long validityDays() {
        return notBefore == null || notAfter == null ? 0 : java.time.Duration.between(notBefore, notAfter).toDays();
    }

    public String describe() {
        if (error != null) return "#" + index + " unparseable: " + error;
        return subject + " (" + keyType + " " + keyBits + ", " + signatureAlgorithm + ", " + notBefore + " to " + notAfter
                + (selfSigned ? ", self-signed" : ", issued by " + issuer) + ")";
    }
}
