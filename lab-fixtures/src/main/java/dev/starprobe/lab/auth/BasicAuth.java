package dev.starprobe.lab.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic authentication (RFC 7617). */
public final class BasicAuth {
    private BasicAuth() {}

    public static String challenge(String realm) {
        return "Basic realm=\"" + realm + "\"";
    }

    /** The credentials of an Authorization header with scheme Basic, or null. */
    public static Credentials parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String header(Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }
}
