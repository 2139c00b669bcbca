package dev.starprobe.plugins.exposure;

import dev.starprobe.evidence.Redactor;
import dev.starprobe.spi.Transcript;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A transcript with secrets the device disclosed replaced by {@link Redactor#MARK}. Consecutive entries of
 * one direction are joined first, so a secret split across two reads is still found. The packet capture
 * keeps the raw bytes: it is the evidence a lab re-verifies, and the report says so.
 */
final class RedactedTranscript implements Transcript {
    private final Transcript raw;
    private final List<Entry> entries;

    private RedactedTranscript(Transcript raw, Redactor redactor) {
        this.raw = raw;
        List<Entry> out = new ArrayList<>();
        Entry run = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Entry e : raw.entries()) {
            if (run != null && (e.direction() != run.direction() || e.direction() == Direction.EVENT)) {
                out.add(new Entry(run.at(), run.direction(), redactor.redact(bytes.toByteArray())));
                run = null;
            }
            if (run == null) {
                run = e;
                bytes.reset();
            }
            bytes.writeBytes(e.data());
        }
        if (run != null) out.add(new Entry(run.at(), run.direction(), redactor.redact(bytes.toByteArray())));
        this.entries = List.copyOf(out);
    }

    static List<Transcript> of(List<Transcript> transcripts, List<String> secrets) {
        Redactor r = new Redactor(secrets, List.of());
        return transcripts.stream().<Transcript>map(t -> new RedactedTranscript(t, r)).toList();
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
