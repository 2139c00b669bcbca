package dev.starprobe.net;

import dev.starprobe.spi.Transcript;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A transcript that keeps at most {@code capBytes} of payload; beyond that only notes the loss. */
public final class BoundedTranscript implements dev.starprobe.spi.TranscriptRecorder {
    private final String peer;
    private final int capBytes;
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private int stored;
    private boolean truncated;

    public BoundedTranscript(String peer, int capBytes) {
        this(peer, capBytes, Clock.systemUTC());
    }

    BoundedTranscript(String peer, int capBytes, Clock clock) {
        this.peer = peer;
        this.capBytes = capBytes;
        this.clock = clock;
    }

    public synchronized void record(Direction direction, byte[] data, int offset, int length) {
        int keep = Math.min(length, capBytes - stored);
        if (keep < length) truncated = true;
        if (keep <= 0) return;
        entries.add(new Entry(clock.instant(), direction, Arrays.copyOfRange(data, offset, offset + keep)));
        stored += keep;
    }

    @Override
    public void sent(byte[] data) {
        record(Direction.SENT, data, 0, data.length);
    }

    @Override
    public void received(byte[] data) {
        record(Direction.RECEIVED, data, 0, data.length);
    }

    @Override
    public synchronized void event(String text) {
        entries.add(new Entry(clock.instant(), Direction.EVENT, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public synchronized boolean truncated() {
        return truncated;
    }

    @Override
    public String peer() {
        return peer;
    }

    public Instant now() {
        return clock.instant();
    }
}
