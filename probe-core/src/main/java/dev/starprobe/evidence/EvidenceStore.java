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
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes evidence files under {@code <report dir>/evidence/<device>/} as the scan runs, and the
 * SHA-256 manifest that lets a third party verify them later. With no report directory, evidence is
 * not stored and every reference says so.
 */
public final class EvidenceStore {
    public static final String MANIFEST = "evidence/MANIFEST.sha256";

    private final Path root;
    private final Redactor redactor;
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<String, String> hashes = new TreeMap<>();

    /** @param reportDir the report directory; null to store nothing */
    public EvidenceStore(Path reportDir, Redactor redactor) {
        this.root = reportDir;
        this.redactor = redactor;
    }

    public boolean storing() {
        return root != null;
    }

    public EvidenceRef transcript(String device, String checkId, Transcript t, String note) {
        return transcripts(device, checkId, java.util.List.of(t), note);
    }

    public EvidenceRef transcripts(String device, String checkId, java.util.List<Transcript> ts, String note) {
        StringBuilder sb = new StringBuilder();
        for (Transcript t : ts) sb.append(TranscriptFormat.render(t, note)).append('\n');
        if (ts.isEmpty()) sb.append("# no traffic was exchanged\n");
        String text = redactor.redact(sb.toString());
        return write("transcript", device, checkId + ".txt", text.getBytes(StandardCharsets.UTF_8), note);
    }

    /** Writes other evidence (identification records, bodies, certificates), with the user's secrets redacted. */
    public EvidenceRef file(String kind, String device, String name, byte[] content, String note) {
        return write(kind, device, name, redactor.redact(content), note);
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
