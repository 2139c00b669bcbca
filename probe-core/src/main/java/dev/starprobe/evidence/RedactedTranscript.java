package dev.starprobe.evidence;

import dev.starprobe.spi.Transcript;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transcript with secrets replaced by {@link Redactor#MARK} in its payload. Consecutive entries of one
 * direction are searched as one, so a secret split across two reads is still found; only such a run that
 * held a secret is joined into one entry, every other entry stays as recorded. The packet capture keeps
 * the raw bytes: it is the evidence a lab re-verifies, and the report says so.
 */
final class RedactedTranscript implements Transcript {
    private final Transcript raw;
    private final List<Entry> entries;

    private RedactedTranscript(Transcript raw, List<Entry> entries) {
        this.raw = raw;
        this.entries = List.copyOf(entries);
    }

    /** {@code t} redacted, or {@code t} itself when it holds none of the secrets. */
    static Transcript of(Transcript t, Redactor redactor) {
        List<Entry> out = new ArrayList<>();
        List<Entry> run = new ArrayList<>();
        boolean changed = false;
        for (Entry e : t.entries()) {
            if (!run.isEmpty() && (e.direction() != run.get(0).direction() || e.direction() == Direction.EVENT)) {
                changed |= flush(run, redactor, out);
            }
            run.add(e);
        }
        changed |= flush(run, redactor, out);
        return changed ? new RedactedTranscript(t, out) : t;
    }

    /** Adds the run to {@code out}, joined and redacted when it held a secret; whether it did. */
    private static boolean flush(List<Entry> run, Redactor redactor, List<Entry> out) {
        if (run.isEmpty()) return false;
        Entry first = run.get(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Entry e : run) bytes.writeBytes(e.data());
        byte[] joined = bytes.toByteArray();
        byte[] redacted = first.direction() == Direction.EVENT
                ? redactor.redact(new String(joined, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                : redactor.redact(joined);
        boolean changed = !java.util.Arrays.equals(joined, redacted);
        if (changed) out.add(new Entry(first.at(), first.direction(), redacted));
        else out.addAll(run);
        run.clear();
        return changed;
    }

    @Override
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public boolean truncated() {
        return raw.truncated();
    }

    @Override
    public String peer() {
        return raw.peer();
    }
}
