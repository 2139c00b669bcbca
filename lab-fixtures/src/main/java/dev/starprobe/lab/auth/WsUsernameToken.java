package dev.starprobe.lab.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WS-Security UsernameToken as ONVIF uses it: PasswordDigest = Base64(SHA-1(nonce + created + password)). */
public record WsUsernameToken(String username, String password, boolean digest, byte[] nonce, String created) {
    private static final Pattern USERNAME = tag("Username");
    private static final Pattern PASSWORD = Pattern.compile(
            "<(?:\\w+:)?Password\\b([^>]*)>([^<]*)</(?:\\w+:)?Password>", Pattern.DOTALL);
    private static final Pattern NONCE = tag("Nonce");
    private static final Pattern CREATED = tag("Created");

    private static Pattern tag(String name) {
        return Pattern.compile("<(?:\\w+:)?" + name + "\\b[^>]*>([^<]*)</(?:\\w+:)?" + name + ">", Pattern.DOTALL);
    }

    /** The token in a SOAP envelope, or null when there is none. */
    public static WsUsernameToken parse(String soap) {
        Matcher u = USERNAME.matcher(soap);
        Matcher p = PASSWORD.matcher(soap);
        if (!u.find() || !p.find()) return null;
        boolean digest = p.group(1).contains("PasswordDigest");
        Matcher n = NONCE.matcher(soap);
        Matcher c = CREATED.matcher(soap);
        byte[] nonce = new byte[0];
        if (n.find()) {
            try {
                nonce = Base64.getMimeDecoder().decode(n.group(1).trim());
            } catch (IllegalArgumentException e) {
                nonce = new byte[0];
            }
        }
        return new WsUsernameToken(u.group(1).trim(), p.group(2).trim(), digest, nonce, c.find() ? c.group(1).trim() : "");
    }

    /** Whether the token proves {@code storedPassword}. */
    public boolean proves(String storedPassword) {
        if (!digest) return storedPassword.equals(password);
        return password.equals(digestOf(nonce, created, storedPassword));
    }

    public static String digestOf(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
