package dev.starprobe.lab.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/RTSP Digest authentication (RFC 2617, MD5, qop=auth). Strict mode accepts only nonces it issued
 * and only increasing nonce counts per nonce (a replayed Authorization header fails); lax mode, like many
 * cheap devices, accepts any nonce and any count.
 */
public final class DigestAuth {
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final int MAX_NONCES = 10_000;

    private final String realm;
    private final boolean strict;
    private final Map<String, Long> nonces = new ConcurrentHashMap<>(); // nonce -> highest nc seen

    public DigestAuth(String realm, boolean strict) {
        this.realm = realm;
        this.strict = strict;
    }

    public String realm() {
        return realm;
    }

    /** A fresh WWW-Authenticate value. */
    public String challenge() {
        String nonce = HexFormat.of().formatHex(dev.starprobe.lab.tls.LabPki.randomBytes(16));
        if (nonces.size() > MAX_NONCES) nonces.clear();
        nonces.put(nonce, 0L);
        return "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" + nonce + "\", algorithm=MD5";
    }

    /** The parameters of an Authorization header with scheme Digest, or null. */
    public static Map<String, String> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) return null;
        Map<String, String> m = new HashMap<>();
        Matcher x = PARAM.matcher(header.substring(7));
        while (x.find()) m.put(x.group(1).toLowerCase(), x.group(2) != null ? x.group(2) : x.group(3));
        return m.containsKey("username") && m.containsKey("response") ? m : null;
    }

    /** Whether {@code params} prove knowledge of {@code password} for {@code method}. */
    public boolean verify(Map<String, String> params, String method, String password) {
        String nonce = params.getOrDefault("nonce", "");
        String uri = params.getOrDefault("uri", "");
        String qop = params.get("qop");
        String ha1 = md5(params.get("username") + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String expected = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + params.get("nc") + ":" + params.get("cnonce") + ":" + qop + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                params.get("response").toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        if (!strict) return true;
        Long seen = nonces.get(nonce);
        if (seen == null) return false;
        long nc;
        try {
            nc = qop == null ? seen + 1 : Long.parseLong(params.getOrDefault("nc", "0"), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        return nc > seen && nonces.replace(nonce, seen, nc);
    }

    public static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
