package dev.starprobe.plugins.tls;

/**
 * What identifies a service's certificate and key across devices, for the cross-device check.
 *
 * @param certificateSha256 SHA-256 of the leaf certificate (DER)
 * @param keySha256         SHA-256 of the leaf's SubjectPublicKeyInfo (DER): the same key in two certificates matches too
 * @param subject           the leaf's subject, for the report
 * @param where             "443/tcp" or "5684/udp (DTLS)"
 */
public record CertificateIdentity(String certificateSha256, String keySha256, String subject, String where) {
}
