package dev.starprobe.evidence;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.spi.Transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes evidence files under {@code <report dir>/evidence/<device>/} as the scan runs, and the
 * SHA-256 manifest that lets a third party verify them later. With no report directory, evidence is
 * not stored and every reference says so.
 *
 * <p>Secrets are redacted from every file written here (never from packet captures, which are reserved
 * and written by the capture itself): the user's credentials from the start, and the secrets a check
 * found a device disclosing ({@link #secret}) in all of that device's files. A check may register a
 * secret after other checks wrote it into their transcripts, so {@link #finish} redacts the device's
 * earlier files again and re-hashes them; the raw transcripts are kept in memory until then (up to
 * {@value #RETAINED_BYTES_PER_DEVICE} bytes of payload per device; a transcript beyond that is redacted
 * again in its rendered text, which finds a secret in plain and escaped text but not across hex-dump
 * lines).
 */
public final class EvidenceStore {
    public static final String MANIFEST = "evidence/MANIFEST.sha256";
    static final long RETAINED_BYTES_PER_DEVICE = 32L << 20;

    private final Path root;
    private final Redactor redactor;
    private final long retainedBytesPerDevice;
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<String, String> hashes = new TreeMap<>();
    private final Map<String, DeviceFiles> devices = new ConcurrentHashMap<>();

    /** One device's secrets and the files written for it, each with how many of those secrets it was redacted for. */
    private static final class DeviceFiles {
        final Set<String> secrets = new LinkedHashSet<>();
        final List<Written> files = new ArrayList<>();
        long retained;

        /** The redactor for a file written now, and how many of the device's secrets it covers. */
        synchronized Known known(Redactor userSecrets) {
            return new Known(userSecrets.with(secrets), secrets.size());
        }
    }

    private record Known(Redactor redactor, int count) {
    }

    /** A file of a device; {@code raw} holds its transcripts while they are retained, null otherwise. */
    private static final class Written {
        final String relative;
        final boolean transcript;
        final String note;
        List<Transcript> raw;
        int redactedFor;

        Written(String relative, boolean transcript, String note, List<Transcript> raw, int redactedFor) {
            this.relative = relative;
            this.transcript = transcript;
            this.note = note;
            this.raw = raw;
            this.redactedFor = redactedFor;
        }
    }

    /** A transcript's state when it was written: the session may record on after that. */
    private record Frozen(List<Transcript.Entry> entries, boolean truncated, String peer) implements Transcript {
        static Frozen of(Transcript t) {
            return new Frozen(List.copyOf(t.entries()), t.truncated(), t.peer());
        }

        long payload() {
            return entries.stream().mapToLong(e -> e.data().length).sum();
        }
    }

    /**
     * @param reportDir the report directory; null to store nothing
     * @param redactor  the user's secrets, redacted for every device
     */
    public EvidenceStore(Path reportDir, Redactor redactor) {
        this(reportDir, redactor, RETAINED_BYTES_PER_DEVICE);
    }

    EvidenceStore(Path reportDir, Redactor redactor, long retainedBytesPerDevice) {
        this.root = reportDir;
        this.redactor = redactor;
        this.retainedBytesPerDevice = retainedBytesPerDevice;
    }

    public boolean storing() {
        return root != null;
    }

    public EvidenceRef transcript(String device, String checkId, Transcript t, String note) {
        return transcripts(device, checkId, List.of(t), note);
    }

    public EvidenceRef transcripts(String device, String checkId, List<Transcript> ts, String note) {
        List<Transcript> frozen = ts.stream().<Transcript>map(Frozen::of).toList();
        DeviceFiles d = files(device);
        Known known = d.known(redactor);
        EvidenceRef ref = write("transcript", device, checkId + ".txt", render(frozen, note, known.redactor()), note);
        if (ref.path() != null) {
            long size = frozen.stream().mapToLong(t -> ((Frozen) t).payload()).sum();
            synchronized (d) {
                boolean keep = d.retained + size <= retainedBytesPerDevice;
                if (keep) d.retained += size;
                d.files.add(new Written(ref.path(), true, note, keep ? frozen : null, known.count()));
            }
        }
        return ref;
    }

    private static byte[] render(List<Transcript> ts, String note, Redactor r) {
        StringBuilder sb = new StringBuilder();
        for (Transcript t : ts) sb.append(TranscriptFormat.render(r.redact(t), note)).append('\n');
        if (ts.isEmpty()) sb.append("# no traffic was exchanged\n");
        return r.redact(sb.toString()).getBytes(StandardCharsets.UTF_8); // the note and peer too
    }

    /** Writes other evidence (identification records, bodies, certificates), with the secrets known so far redacted. */
    public EvidenceRef file(String kind, String device, String name, byte[] content, String note) {
        DeviceFiles d = files(device);
        Known known = d.known(redactor);
        EvidenceRef ref = write(kind, device, name, known.redactor().redact(content), note);
        if (ref.path() != null) {
            synchronized (d) {
                d.files.add(new Written(ref.path(), false, note, null, known.count()));
            }
        }
        return ref;
    }

    /**
     * Registers a secret {@code device} was found to disclose (a password, a key, a token): every evidence
     * file of the device, and its report texts, are redacted for it. Values shorter than
     * {@value Redactor#MIN_LENGTH} characters are ignored.
     */
    public void secret(String device, String value) {
        if (value == null || value.length() < Redactor.MIN_LENGTH) return;
        DeviceFiles d = files(device);
        synchronized (d) {
            d.secrets.add(value);
        }
    }

    /** The redactor for {@code device}'s texts: the user's secrets and the device's own. */
    public Redactor redactor(String device) {
        DeviceFiles d = devices.get(device);
        return d == null ? redactor : d.known(redactor).redactor();
    }

    /**
     * Redacts the files of {@code device} written before some of its secrets were registered, re-hashes
     * them, and lets go of the raw transcripts kept for that. Call it when the device's checks have ended
     * (again after later checks); the manifest and {@link #current} then carry the new hashes.
     */
    public void finish(String device) {
        DeviceFiles d = devices.get(device);
        if (d == null || root == null) return;
        synchronized (d) {
            Redactor all = redactor.with(d.secrets);
            for (Written w : d.files) {
                if (w.redactedFor < d.secrets.size()) {
                    List<String> late = List.copyOf(d.secrets).subList(w.redactedFor, d.secrets.size());
                    rewrite(w, all, late);
                    w.redactedFor = d.secrets.size();
                }
                w.raw = null;
            }
            d.retained = 0;
        }
    }

    private void rewrite(Written w, Redactor all, List<String> late) {
        Path p = root.resolve(w.relative);
        try {
            byte[] content;
            if (w.raw != null) {
                content = render(w.raw, w.note, all);
            } else {
                // only the rendered text is left: the secrets as they show in it, plain and escaped
                List<String> rendered = new ArrayList<>();
                for (String s : late) rendered.add(TranscriptFormat.escape(s.getBytes(StandardCharsets.UTF_8)));
                content = all.with(w.transcript ? rendered : List.of()).redact(Files.readAllBytes(p));
            }
            String sha = sha256(content);
            synchronized (hashes) {
                if (sha.equals(hashes.get(w.relative))) return;
            }
            Files.write(p, content);
            synchronized (hashes) {
                hashes.put(w.relative, sha);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot redact evidence " + p, e);
        }
    }

    /** {@code ref} with the hash its file has now (after {@link #finish}), as the manifest will list it. */
    public EvidenceRef current(EvidenceRef ref) {
        if (ref.path() == null) return ref;
        String sha;
        synchronized (hashes) {
            sha = hashes.get(ref.path());
        }
        return sha == null || sha.equals(ref.sha256()) ? ref : new EvidenceRef(ref.kind(), ref.path(), sha, ref.range(), ref.note());
    }

    private DeviceFiles files(String device) {
        return devices.computeIfAbsent(device, k -> new DeviceFiles());
    }

    private EvidenceRef write(String kind, String device, String name, byte[] content, String note) {
        if (root == null) return EvidenceRef.missing(kind, "not stored: no report directory (" + note + ")");
        String rel = "evidence/" + safe(device) + "/" + String.format("%04d-", seq.incrementAndGet()) + safe(name);
        Path p = root.resolve(rel);
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence " + p, e);
        }
        String sha = sha256(content);
        synchronized (hashes) {
            hashes.put(rel, sha);
        }
        return new EvidenceRef(kind, rel, sha, null, note);
    }

    /** A file the caller writes itself (a packet capture) before {@link #seal sealing} it. */
    public record Reserved(Path file, String relative) {
    }

    /**
     * Reserves {@code evidence/<device>/<name>} for a file written while the scan runs. It enters the
     * manifest only when {@link #seal sealed}, so the manifest never lists a hash of a half-written file.
     */
    public Reserved reserve(String device, String name) throws IOException {
        if (root == null) throw new IOException("no report directory");
        String rel = "evidence/" + safe(device) + "/" + safe(name);
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return new Reserved(p, rel);
    }

    /** Hashes a finished reserved file into the manifest and returns its SHA-256. */
    public String seal(Reserved r) throws IOException {
        String sha = sha256(r.file());
        synchronized (hashes) {
            hashes.put(r.relative(), sha);
        }
        return sha;
    }

    /** Deletes a reserved file that turned out not to be evidence of anything. */
    public void discard(Reserved r) {
        synchronized (hashes) {
            hashes.remove(r.relative());
        }
        try {
            Files.deleteIfExists(r.file());
            Path dir = r.file().getParent();
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) Files.delete(dir);
            }
        } catch (IOException ignored) {
            // best effort: a stray empty capture is not listed in the manifest and misleads nobody
        }
    }

    /** Writes the manifest (sha256sum format, so {@code sha256sum -c} verifies it). */
    public void writeManifest() {
        if (root == null) return;
        StringBuilder sb = new StringBuilder();
        synchronized (hashes) {
            hashes.forEach((rel, sha) -> sb.append(sha).append("  ").append(rel.substring("evidence/".length())).append('\n'));
        }
        try {
            Path m = root.resolve(MANIFEST);
            Files.createDirectories(m.getParent());
            Files.writeString(m, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of a file, streamed: captures can be large. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
