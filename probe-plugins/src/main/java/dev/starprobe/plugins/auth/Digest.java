package dev.starprobe.plugins.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 7616 Digest (MD5, qop=auth or none) for HTTP and RTSP, and Basic, as Authorization header values: the
 * credential checks' logins and the replay checks' authenticated requests.
 */
public final class Digest {
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(\"([^\"]*)\"|([^,\\s]*))");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Digest() {
    }

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isDigest(String challenge) {
        return challenge != null && challenge.strip().toLowerCase(Locale.ROOT).startsWith("digest");
    }

    public static boolean isBasic(String challenge) {
        return challenge != null && challenge.strip().toLowerCase(Locale.ROOT).startsWith("basic");
    }

    public static Map<String, String> params(String challenge) {
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(challenge.length() > 4096 ? challenge.substring(0, 4096) : challenge);
        while (m.find()) p.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(4));
        return p;
    }

    /** The Authorization value answering {@code challenge} for {@code method uri}: nonce count 1, a random cnonce. */
    public static String answer(String challenge, String method, String uri, String user, String password) {
        return answer(challenge, method, uri, user, password, 1, HexFormat.of().formatHex(RANDOM.generateSeed(8)));
    }

    /** As {@link #answer(String, String, String, String, String)} with the nonce count and cnonce given (qop=auth only). */
    public static String answer(String challenge, String method, String uri, String user, String password, int nonceCount,
                                String cnonce) {
        Map<String, String> c = params(challenge.strip().substring(6));
        String realm = c.getOrDefault("realm", "");
        String nonce = c.getOrDefault("nonce", "");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\"");
        if (hasQopAuth(challenge)) {
            String nc = String.format("%08x", nonceCount);
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append("\"");
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append("\"");
        }
        if (c.containsKey("opaque")) h.append(", opaque=\"").append(c.get("opaque")).append("\"");
        h.append(", algorithm=MD5");
        return h.toString();
    }

    /** Whether the challenge offers qop=auth, i.e. whether answers carry a nonce count. */
    public static boolean hasQopAuth(String challenge) {
        String qop = params(challenge.strip().substring(6)).get("qop");
        return qop != null && qop.toLowerCase(Locale.ROOT).contains("auth");
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
