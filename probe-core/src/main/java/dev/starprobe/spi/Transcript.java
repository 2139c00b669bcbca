package dev.starprobe.spi;

import java.time.Instant;
import java.util.List;

/**
 * Bytes exchanged with a device in order. Bounded: after the cap, only counts are kept, and
 * {@link #truncated()} says so.
 */
public interface Transcript {
    enum Direction { SENT, RECEIVED, EVENT }

    record Entry(Instant at, Direction direction, byte[] data) {
    }

    List<Entry> entries();

    boolean truncated();

    String peer();
}
