package dev.starprobe.lab.auth;

import dev.starprobe.lab.tls.LabPki;

/** A user name and password. */
public record Credentials(String user, String password) {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** A strong random password (20 characters from a 57-symbol alphabet, ~116 bits) for {@code user}. */
    public static Credentials random(String user) {
        return new Credentials(user, randomSecret(20));
    }

    public static String randomSecret(int length) {
        byte[] r = LabPki.randomBytes(length);
        StringBuilder sb = new StringBuilder(length);
        for (byte b : r) sb.append(ALPHABET.charAt((b & 0xff) % ALPHABET.length()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return user + "/" + password;
    }
}
