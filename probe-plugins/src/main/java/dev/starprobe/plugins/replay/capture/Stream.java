package dev.starprobe.plugins.replay.capture;

import java.util.List;

/**
 * The bytes one side of a TCP connection sent, in order, with the frame and time each stretch came in.
 *
 * @param chunks where each segment's new bytes start in {@code bytes}, ascending
 * @param gap    true when a segment was missing from the capture: bytes after the gap are not included
 * @param capped true when the stream exceeded the per-stream cap and was cut
 */
public record Stream(byte[] bytes, List<Chunk> chunks, boolean gap, boolean capped) {
    public record Chunk(int offset, long frame, long micros) {
    }

    public static final Stream EMPTY = new Stream(new byte[0], List.of(), false, false);

    /** The chunk holding byte {@code offset}. */
    public Chunk at(int offset) {
        int lo = 0;
        int hi = chunks.size() - 1;
        Chunk best = chunks.isEmpty() ? null : chunks.get(0);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (chunks.get(mid).offset() <= offset) {
                best = chunks.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** Frame numbers carrying bytes [from, to). */
    public List<Long> frames(int from, int to) {
        List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            int end = i + 1 < chunks.size() ? chunks.get(i + 1).offset() : bytes.length;
            if (c.offset() < to && end > from && !out.contains(c.frame())) out.add(c.frame());
        }
        return out;
    }
}
