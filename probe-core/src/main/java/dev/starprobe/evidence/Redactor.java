package dev.starprobe.evidence;

import dev.starprobe.spi.Transcript;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Removes secrets from everything written to disk, in the forms they travel in: plain, form-encoded (a
 * login POST) and, for user/secret pairs, the "user:secret" base64 of HTTP Basic. The secrets are the
 * user's own credentials and those a device was found to disclose ({@link #with}).
 */
public final class Redactor {
    public static final String MARK = "<redacted>";
    /** Shorter values are not redacted: they would blank out ordinary words and numbers everywhere. */
    static final int MIN_LENGTH = 3;
    private final List<String> needles;

    public Redactor(Collection<String> secrets, Collection<String> userSecretPairs) {
        this(forms(secrets, userSecretPairs));
    }

    private Redactor(Collection<String> needles) {
        List<String> n = new ArrayList<>(new LinkedHashSet<>(needles));
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

    /** This redactor and {@code secrets} too. */
    public Redactor with(Collection<String> secrets) {
        if (secrets.isEmpty()) return this;
        List<String> all = new ArrayList<>(needles);
        all.addAll(forms(secrets, List.of()));
        return new Redactor(all);
    }

    /** Whether this redactor removes nothing. */
    public boolean isEmpty() {
        return needles.isEmpty();
    }

    private static List<String> forms(Collection<String> secrets, Collection<String> userSecretPairs) {
        List<String> n = new ArrayList<>();
        for (String s : secrets) {
            if (s == null || s.length() < MIN_LENGTH) continue;
            n.add(s);
            n.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        for (String pair : userSecretPairs) {
            if (pair != null && !pair.isEmpty()) n.add(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return n;
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
        return out.equals(s) ? content : out.getBytes(StandardCharsets.ISO_8859_1);
    }

    public String redact(String text) {
        String out = text;
        for (String s : needles) out = out.replace(s, MARK);
        return out;
    }

    /**
     * The transcript with the secrets removed from its payload bytes, before it is rendered (a hex dump or
     * an escaped rendering would hide them from a search of the text). The transcript itself when nothing
     * needed redacting.
     */
    public Transcript redact(Transcript t) {
        return needles.isEmpty() ? t : RedactedTranscript.of(t, this);
    }
}
