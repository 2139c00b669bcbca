package dev.starprobe.lab.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and certificates for the simulated devices, made with bcpkix over the JDK's own providers (no
 * provider is registered, no security property touched). The weak devices' RSA keys are generated once per
 * JVM and shared ({@link #keyPair}) — fast, and realistic: their vendors reuse one key on every unit, which a
 * probe can find. Hardened devices get a key of their own ({@link #uniqueKeyPair}, EC P-256 is cheap) and a
 * certificate issued by a per-JVM "StarProbe Lab Device CA" ({@link #caCertificate()}).
 */
public final class LabPki {
    /** Key kinds the devices use. */
    public enum KeyKind { RSA_1024, RSA_2048, EC_P256 }

    /** A private key with its certificate chain (leaf first). */
    public record Identity(PrivateKey key, X509Certificate[] chain) {
        public X509Certificate leaf() {
            return chain[0];
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final ConcurrentHashMap<KeyKind, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static volatile Identity ca;

    private LabPki() {}

    /** The key pair of this kind shared by every device of the JVM that asks for it. */
    public static KeyPair keyPair(KeyKind kind) {
        return KEYS.computeIfAbsent(kind, LabPki::generate);
    }

    /** A new key pair (per unit). */
    public static KeyPair uniqueKeyPair(KeyKind kind) {
        return generate(kind);
    }

    private static KeyPair generate(KeyKind kind) {
        try {
            KeyPairGenerator g;
            switch (kind) {
                case RSA_1024 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(1024, RANDOM);
                }
                case RSA_2048 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048, RANDOM);
                }
                default -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                }
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + kind, e);
        }
    }

    /** The per-JVM CA that issues the hardened devices' certificates (EC P-256, SHA-256). */
    public static X509Certificate caCertificate() {
        return ca().leaf();
    }

    private static Identity ca() {
        Identity c = ca;
        if (c == null) {
            synchronized (LabPki.class) {
                c = ca;
                if (c == null) {
                    KeyPair kp = generate(KeyKind.EC_P256);
                    X500Name name = new X500Name("CN=StarProbe Lab Device CA,O=StarProbe Lab");
                    X509Certificate cert = build(name, kp, name, kp.getPrivate(), "SHA256withECDSA",
                            Duration.ofDays(3650), true, null);
                    ca = c = new Identity(kp.getPrivate(), new X509Certificate[] {cert});
                }
            }
        }
        return c;
    }

    /** A self-signed certificate, the way cheap devices make one. */
    public static Identity selfSigned(String commonName, KeyKind kind, String signatureAlgorithm, Duration validity,
                                      InetAddress address) {
        KeyPair kp = keyPair(kind);
        X500Name name = new X500Name("CN=" + commonName);
        X509Certificate cert = build(name, kp, name, kp.getPrivate(), signatureAlgorithm, validity, false, address);
        return new Identity(kp.getPrivate(), new X509Certificate[] {cert});
    }

    /** A new key of its own and a certificate for {@code address} issued by the lab CA (SHA-256, 1 year). */
    public static Identity issued(String commonName, KeyKind kind, InetAddress address) {
        KeyPair kp = uniqueKeyPair(kind);
        Identity issuer = ca();
        X500Name issuerName = X500Name.getInstance(issuer.leaf().getSubjectX500Principal().getEncoded());
        X509Certificate cert = build(issuerName, kp, new X500Name("CN=" + commonName + ",O=StarProbe Lab"),
                issuer.key(), "SHA256withECDSA", Duration.ofDays(365), false, address);
        return new Identity(kp.getPrivate(), new X509Certificate[] {cert, issuer.leaf()});
    }

    private static X509Certificate build(X500Name issuer, KeyPair subjectKeys, X500Name subject, PrivateKey signer,
                                         String sigAlg, Duration validity, boolean isCa, InetAddress address) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(validity)), subject, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                List<GeneralName> names = new ArrayList<>();
                if (address != null) names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
                names.add(new GeneralName(GeneralName.dNSName, "device.lan"));
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(sigAlg).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build certificate for " + subject, e);
        }
    }

    /** Trust managers that trust the lab CA only (for test clients). */
    public static TrustManagerFactory trustManagers() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("lab-ca", caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes from the shared generator. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static SecureRandom random() {
        return RANDOM;
    }
}
