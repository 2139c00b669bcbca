package dev.starprobe.plugins.tls;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.bc.BcDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a certificate chain as a device sent it: key, signature, validity, names, and whether each
 * certificate is signed by the next. Pure computation with Bouncy Castle's lightweight API: no
 * provider is registered and no trust store consulted (a device's CA is rarely a public one).
 */
public final class CertificateInspector {
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
    private static final ASN1ObjectIdentifier ED448 = new ASN1ObjectIdentifier("1.3.101.113");

    private CertificateInspector() {
    }

    /**
     * @param address the address the service was reached at
     * @param names   other names of the device (mDNS, host names)
     */
    public static List<CertificateInfo> inspect(List<byte[]> chain, InetAddress address, List<String> names, java.time.Instant now) {
        List<CertificateInfo> out = new ArrayList<>();
        List<X509CertificateHolder> holders = new ArrayList<>();
        for (byte[] der : chain) {
            try {
                holders.add(new X509CertificateHolder(der));
            } catch (Exception e) {
                holders.add(null);
            }
        }
        for (int i = 0; i < chain.size(); i++) {
            X509CertificateHolder h = holders.get(i);
            String sha = Chains.sha256(chain.get(i));
            if (h == null) {
                out.add(new CertificateInfo(i, i == 0 ? "leaf" : "chain", null, null, "other", 0, null, null, null, null,
                        false, null, null, List.of(), null, sha, "not an X.509 certificate"));
                continue;
            }
            X509CertificateHolder next = i + 1 < holders.size() ? holders.get(i + 1) : null;
            out.add(info(i, h, next, sha, address, names));
        }
        return out;
    }

    private static CertificateInfo info(int i, X509CertificateHolder h, X509CertificateHolder next, String sha,
                                        InetAddress address, List<String> deviceNames) {
        SubjectPublicKeyInfo spki = h.getSubjectPublicKeyInfo();
        KeyInfo key = keyOf(spki);
        String keyType = key.type();
        int bits = key.bits();
        AlgorithmIdentifier sig = h.getSignatureAlgorithm();
        String sigName = new DefaultAlgorithmNameFinder().getAlgorithmName(sig);
        boolean selfIssued = h.getSubject().equals(h.getIssuer());
        boolean selfSigned = selfIssued && verifies(h, h);
        Boolean issuerVerified = next == null ? null : verifies(h, next);
        Boolean nameMatches = i == 0 ? nameMatches(h, address, deviceNames) : null;
        String keySha = Chains.sha256(encoded(spki));
        return new CertificateInfo(i, i == 0 ? "leaf" : "chain", h.getSubject().toString(), h.getIssuer().toString(),
                keyType, bits, sigName, hashOf(sig, sigName), h.getNotBefore().toInstant(), h.getNotAfter().toInstant(),
                selfSigned, issuerVerified, nameMatches, names(h), keySha, sha, null);
    }

    /** A public key's type and size in bits (RSA modulus, EC field, DSA prime). */
    public record KeyInfo(String type, int bits) {
    }

    public static KeyInfo keyOf(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        try {
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption) || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                return new KeyInfo("RSA", ((RSAKeyParameters) PublicKeyFactory.createKey(spki)).getModulus().bitLength());
            } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                var params = spki.getAlgorithm().getParameters();
                X9ECParameters curve = params instanceof ASN1ObjectIdentifier oid ? ECNamedCurveTable.getByOID(oid)
                        : X9ECParameters.getInstance(params);
                return new KeyInfo("EC", curve == null ? 0 : curve.getCurve().getFieldSize());
            } else if (alg.equals(X9ObjectIdentifiers.id_dsa)) {
                return new KeyInfo("DSA", ((DSAPublicKeyParameters) PublicKeyFactory.createKey(spki)).getParameters().getP().bitLength());
            } else if (alg.equals(ED25519)) {
                return new KeyInfo("Ed25519", 256);
            } else if (alg.equals(ED448)) {
                return new KeyInfo("Ed448", 456);
            }
        } catch (Exception e) {
            // an unreadable key stays "other"/0: the report shows it, the policy cannot pass it by size
        }
        return new KeyInfo("other", 0);
    }

    private static byte[] encoded(SubjectPublicKeyInfo spki) {
        try {
            return spki.getEncoded();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    /** The hash of a signature algorithm: from the name ("SHA1WITHRSA"), or from RSASSA-PSS parameters. */
    static String hashOf(AlgorithmIdentifier sig, String name) {
        if (sig.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            try {
                AlgorithmIdentifier hash = RSASSAPSSparams.getInstance(sig.getParameters()).getHashAlgorithm();
                return normalise(new DefaultAlgorithmNameFinder().getAlgorithmName(hash));
            } catch (Exception e) {
                return "unknown";
            }
        }
        if (sig.getAlgorithm().equals(ED25519) || sig.getAlgorithm().equals(ED448)) return "intrinsic";
        String n = name.toUpperCase(Locale.ROOT);
        int with = n.indexOf("WITH");
        return with > 0 ? normalise(n.substring(0, with)) : "unknown";
    }

    private static String normalise(String hash) {
        return hash.toUpperCase(Locale.ROOT).replace("-", "");
    }

    /** Whether {@code issuer}'s key verifies {@code cert}'s signature. */
    private static boolean verifies(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(issuer.getSubjectPublicKeyInfo());
            ContentVerifierProvider p;
            var digFinder = new DefaultDigestAlgorithmIdentifierFinder();
            if (key instanceof RSAKeyParameters) p = new BcRSAContentVerifierProviderBuilder(digFinder).build(key);
            else if (key instanceof DSAPublicKeyParameters) p = new BcDSAContentVerifierProviderBuilder(digFinder).build(key);
            else p = new BcECContentVerifierProviderBuilder(digFinder).build(key);
            return cert.isSignatureValid(p);
        } catch (Exception e) {
            return false; // unverifiable (e.g. an EdDSA issuer) counts as not verified
        }
    }

    private static List<String> names(X509CertificateHolder h) {
        List<String> out = new ArrayList<>();
        Extension san = h.getExtension(Extension.subjectAlternativeName);
        if (san != null) {
            for (GeneralName g : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
                if (g.getTagNo() == GeneralName.dNSName) out.add(g.getName().toString());
                else if (g.getTagNo() == GeneralName.iPAddress) out.add(ip(g));
            }
        }
        var cn = h.getSubject().getRDNs(BCStyle.CN);
        for (var rdn : cn) out.add("CN=" + IETFUtils.valueToString(rdn.getFirst().getValue()));
        return out;
    }

    private static String ip(GeneralName g) {
        try {
            byte[] raw = org.bouncycastle.asn1.DEROctetString.getInstance(g.getName()).getOctets();
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * RFC 6125 in short: SAN entries when present (IP addresses exactly, DNS names case-insensitively,
     * one leftmost wildcard label), else the CN.
     */
    static boolean nameMatches(X509CertificateHolder h, InetAddress address, List<String> deviceNames) {
        List<String> names = names(h);
        boolean hasSan = names.stream().anyMatch(n -> !n.startsWith("CN="));
        String addr = address.getHostAddress();
        for (String n : names) {
            if (hasSan && n.startsWith("CN=")) continue;
            String v = n.startsWith("CN=") ? n.substring(3) : n;
            if (v.equalsIgnoreCase(addr)) return true;
            for (String d : deviceNames) if (dnsMatch(v, d)) return true;
        }
        return false;
    }

    private static boolean dnsMatch(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }
}
