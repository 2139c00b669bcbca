package dev.starprobe.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes secrets the user supplied from everything written to disk, in the forms they travel in
 * (plain, and "user:secret" base64 as in HTTP Basic).
 */
public final class Redactor {
    public static final String MARK = "<redacted>";
    private final List<String> needles;

    public Redactor(Collection<String> secrets, Collection<String> userSecretPairs) {
        List<String> n = new ArrayList<>();
        for (String s : secrets) if (s != null && s.length() >= 3) n.add(s);
        for (String pair : userSecretPairs) {
            if (pair != null && !pair.isEmpty()) n.add(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        n.sort(Comparator.comparingInt(String::length).reversed()); // longest first: base64 before its parts
        this.needles = List.copyOf(n);
    }

    /** Redacts these credentials' secrets, alone and as the "user:secret" pair HTTP Basic encodes. */
    public static Redactor of(Collection<dev.starprobe.spi.ScanOptions.Credential> credentials) {
        List<String> secrets = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (var c : credentials) {
            secrets.add(c.secret());
            pairs.add(c.user() + ":" + c.secret());
        }
        return new Redactor(secrets, pairs);
    }

    public static Redactor none() {
        return new Redactor(List.of(), List.of());
    }

    /**
     * Redacts raw evidence bytes (a response body, an identification record): the secrets' UTF-8
     * bytes are replaced wherever they occur, and every other byte is left as it was.
     */
    public byte[] redact(byte[] content) {
        if (needles.isEmpty()) return content;
        // ISO-8859-1 maps each byte to one char and back, so the round trip is lossless
        String s = new String(content, StandardCharsets.ISO_8859_1);
        String out = s;
        for (String n : needles) out = out.replace(new String(n.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), MARK);
        return out == s ? content : out.getBytes(StandardCharsets.ISO_8859_1);
    }

    public String redact(String text) {
        String out = text;
        for (String s : needles) out = out.replace(s, MARK);
        return out;
    }
}
