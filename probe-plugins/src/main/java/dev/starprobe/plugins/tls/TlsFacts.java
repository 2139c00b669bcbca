package dev.starprobe.plugins.tls;

import dev.starprobe.spi.FactKey;

/** Facts the TLS and DTLS checks exchange, so no handshake is repeated for what is already known. */
public final class TlsFacts {
    /** per TLS service, from tls.protocols */
    public static final FactKey<ProtocolSupport> PROTOCOLS = FactKey.of("tls.protocols", ProtocolSupport.class);
    /** per TLS service, from tls.cipher-suites */
    public static final FactKey<SuiteSupport> SUITES = FactKey.of("tls.suites", SuiteSupport.class);
    /** per TLS service, from tls.certificate; device level for DTLS (dtls.cipher-suites) */
    public static final FactKey<CertificateIdentity> CERTIFICATE = FactKey.of("tls.certificate-identity", CertificateIdentity.class);
    /** device level: certificate identities of the device's DTLS endpoints, from dtls.cipher-suites */
    public static final FactKey<DtlsIdentities> DTLS_CERTIFICATES = FactKey.of("dtls.certificate-identities", DtlsIdentities.class);

    /** The DTLS endpoints' certificate identities of one device (DTLS checks are device level). */
    public record DtlsIdentities(java.util.List<CertificateIdentity> identities) {
        public DtlsIdentities {
            identities = java.util.List.copyOf(identities);
        }
    }

    private TlsFacts() {
    }
}
