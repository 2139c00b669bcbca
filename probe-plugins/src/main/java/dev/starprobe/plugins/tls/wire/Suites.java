package dev.starprobe.plugins.tls.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cipher suites StarProbe knows (data: cipher-suites.txt, IANA code and name per line). Properties
 * are derived from the IANA name, which encodes them systematically (TLS_{kx}_WITH_{cipher}_{mac}),
 * so adding a suite is one line of data.
 */
public final class Suites {
    /** Key-exchange part of an IANA name: key exchange, authentication, forward secrecy. */
    private record Kx(String keyExchange, String authentication, boolean forwardSecret) {
    }

    private static final Map<String, Kx> KX = Map.ofEntries(
            Map.entry("RSA", new Kx("RSA", "RSA", false)),
            Map.entry("DH_DSS", new Kx("DH", "DSS", false)),
            Map.entry("DH_RSA", new Kx("DH", "RSA", false)),
            Map.entry("DHE_DSS", new Kx("DHE", "DSS", true)),
            Map.entry("DHE_RSA", new Kx("DHE", "RSA", true)),
            Map.entry("DH_anon", new Kx("DHE", "anon", true)),
            Map.entry("ECDH_ECDSA", new Kx("ECDH", "ECDSA", false)),
            Map.entry("ECDH_RSA", new Kx("ECDH", "RSA", false)),
            Map.entry("ECDHE_ECDSA", new Kx("ECDHE", "ECDSA", true)),
            Map.entry("ECDHE_RSA", new Kx("ECDHE", "RSA", true)),
            Map.entry("ECDH_anon", new Kx("ECDHE", "anon", true)),
            Map.entry("PSK", new Kx("PSK", "PSK", false)),
            Map.entry("DHE_PSK", new Kx("DHE_PSK", "PSK", true)),
            Map.entry("PSK_DHE", new Kx("DHE_PSK", "PSK", true)),
            Map.entry("ECDHE_PSK", new Kx("ECDHE_PSK", "PSK", true)),
            Map.entry("RSA_PSK", new Kx("RSA_PSK", "PSK", false)),
            Map.entry("SRP_SHA", new Kx("SRP", "SRP", true)),
            Map.entry("SRP_SHA_RSA", new Kx("SRP", "RSA", true)),
            Map.entry("SRP_SHA_DSS", new Kx("SRP", "DSS", true)),
            Map.entry("GOSTR341112_256", new Kx("GOST", "GOST", true)));

    private static final Set<String> MACS = Set.of("SHA", "SHA256", "SHA384", "MD5", "SM3", "IMIT", "OMAC");

    // after KX and MACS: static initialisers run in order
    private static final Suites BUILT_IN = load(Suites.class.getResourceAsStream("/dev/starprobe/plugins/tls/cipher-suites.txt"));

    private final Map<Integer, Suite> byCode;

    private Suites(Map<Integer, Suite> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static Suites builtIn() {
        return BUILT_IN;
    }

    static Suites load(InputStream in) {
        Map<Integer, Suite> m = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("\\s+");
                if (parts.length != 2 || !parts[0].startsWith("0x")) {
                    throw new IllegalStateException("cipher-suites.txt line " + n + ": expected '0xHHHH NAME'");
                }
                int code = Integer.parseInt(parts[0].substring(2), 16);
                if (m.put(code, parse(code, parts[1])) != null) {
                    throw new IllegalStateException("cipher-suites.txt line " + n + ": duplicate code " + parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Suites(m);
    }

    /** Derives a suite's properties from its IANA name; fails on a name it cannot read. */
    static Suite parse(int code, String name) {
        if (!name.startsWith("TLS_")) throw new IllegalArgumentException("not an IANA TLS suite name: " + name);
        String rest = name.substring(4);
        int with = rest.indexOf("_WITH_");
        Kx kx;
        boolean export = false;
        String cipherPart;
        if (with < 0) {
            kx = new Kx("TLS13", "TLS13", true); // TLS 1.3: key exchange is negotiated separately, always ephemeral
            cipherPart = rest;
        } else {
            String k = rest.substring(0, with);
            if (k.endsWith("_EXPORT")) {
                export = true;
                k = k.substring(0, k.length() - "_EXPORT".length());
            }
            kx = KX.get(k);
            if (kx == null) throw new IllegalArgumentException("unknown key exchange '" + k + "' in " + name);
            cipherPart = rest.substring(with + "_WITH_".length());
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(cipherPart.split("_")));
        String macToken = MACS.contains(tokens.get(tokens.size() - 1)) && tokens.size() > 1 ? tokens.remove(tokens.size() - 1) : null;
        String cipher = String.join("_", tokens);
        String algorithm = algorithm(tokens.get(0));
        String mode;
        if (cipher.contains("GCM") || cipher.contains("CCM") || cipher.contains("POLY1305")) mode = "AEAD";
        else if (cipher.contains("CBC")) mode = "CBC";
        else if (algorithm.equals("NULL")) mode = "NONE";
        else mode = "STREAM"; // RC4, GOST counter modes
        if (tokens.get(0).equals("SHA256") || tokens.get(0).equals("SHA384")) { // RFC 9150 integrity-only suites
            algorithm = "NULL";
            cipher = "NULL";
            mode = "NONE";
        }
        String mac = mode.equals("AEAD") ? "AEAD" : macToken == null ? "NONE" : macToken;
        if (cipher.contains("40")) export = true;
        int bits = bits(algorithm, tokens, export);
        TlsVersion min;
        if (kx.keyExchange().equals("TLS13")) min = TlsVersion.TLS13;
        else if (mode.equals("AEAD") || "SHA256".equals(macToken) || "SHA384".equals(macToken)
                || kx.keyExchange().equals("GOST")) min = TlsVersion.TLS12;
        else min = TlsVersion.SSL3;
        return new Suite(code, name, kx.keyExchange(), kx.authentication(), cipher, algorithm, bits, mode, mac, export,
                kx.forwardSecret(), min);
    }

    private static String algorithm(String first) {
        return switch (first) {
            case "DES40", "DES" -> "DES";
            case "28147" -> "GOST28147";
            case "SHA256", "SHA384" -> "NULL";
            default -> first;
        };
    }

    private static int bits(String algorithm, List<String> tokens, boolean export) {
        if (export) return 40;
        switch (algorithm) {
            case "NULL":
                return 0;
            case "3DES":
                return 112;
            case "DES":
                return 56;
            case "IDEA", "SEED":
                return 128;
            case "CHACHA20", "GOST28147", "KUZNYECHIK", "MAGMA":
                return 256;
            case "SM4":
                return 128;
            default:
                for (String t : tokens) if (t.matches("\\d{2,3}")) return Integer.parseInt(t);
                throw new IllegalArgumentException("no key size in " + tokens);
        }
    }

    public Optional<Suite> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** A suite the registry may not know: servers can answer anything. */
    public String describe(int code) {
        return byCode(code).map(Suite::name).orElse(String.format("unknown suite 0x%04X", code));
    }

    public List<Suite> all() {
        return List.copyOf(byCode.values());
    }

    /** Every known suite negotiable in {@code v}, in registry order. */
    public List<Suite> validIn(TlsVersion v) {
        return byCode.values().stream().filter(s -> s.validIn(v)).toList();
    }
}
