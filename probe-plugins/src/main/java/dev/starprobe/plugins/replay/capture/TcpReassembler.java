package dev.starprobe.plugins.replay.capture;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts TCP segments back into per-direction byte streams: ordered by sequence number, retransmitted
 * bytes taken once, a missing segment ends the stream there (what follows cannot be parsed reliably).
 * Memory is bounded by a per-stream cap and a total cap; what is cut is flagged, never silently lost.
 */
public final class TcpReassembler {
    private final int streamCap;
    private final long totalCap;
    private long buffered;
    private boolean overTotal;
    private final Map<String, Half[]> open = new LinkedHashMap<>();
    private final List<Conversation> done = new ArrayList<>();

    public TcpReassembler(int streamCap, long totalCap) {
        this.streamCap = streamCap;
        this.totalCap = totalCap;
    }

    private static final class Half {
        final InetSocketAddress from;
        final InetSocketAddress to;
        long isn = -1;
        boolean synSeen;
        long pureSynMicros = Long.MAX_VALUE;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        boolean finished;
        final List<Frame> segments = new ArrayList<>();
        long bytes;

        Half(InetSocketAddress from, InetSocketAddress to) {
            this.from = from;
            this.to = to;
        }
    }

    public void add(Frame f) {
        String key = key(f.src(), f.dst());
        Half[] c = open.get(key);
        boolean newSyn = f.has(Frame.SYN) && !f.has(Frame.ACK);
        if (c != null && newSyn) {
            Half h = half(c, f.src());
            if (h != null && h.synSeen && h.isn != f.seq()) { // the 4-tuple is reused by a new connection
                done.add(close(c));
                open.remove(key);
                c = null;
            }
        }
        if (c == null) {
            c = new Half[]{new Half(f.src(), f.dst()), new Half(f.dst(), f.src())};
            open.put(key, c);
        }
        Half h = half(c, f.src());
        h.firstSeen = Math.min(h.firstSeen, f.micros());
        h.lastSeen = Math.max(h.lastSeen, f.micros());
        if (newSyn) h.pureSynMicros = Math.min(h.pureSynMicros, f.micros());
        if (f.has(Frame.SYN)) {
            h.synSeen = true;
            h.isn = f.seq();
        } else if (h.isn < 0) {
            h.isn = (f.seq() - 1) & 0xffffffffL; // joined mid-connection: the first byte seen starts the stream
        }
        if (f.has(Frame.FIN) || f.has(Frame.RST)) h.finished = true;
        if (f.payload().length > 0) {
            if (h.bytes >= streamCap || buffered >= totalCap) {
                overTotal |= buffered >= totalCap;
                h.bytes = Math.max(h.bytes, streamCap + 1L);
            } else {
                h.segments.add(f);
                h.bytes += f.payload().length;
                buffered += f.payload().length;
            }
        }
    }

    /** All connections, in the order they started. */
    public List<Conversation> finish() {
        for (Half[] c : open.values()) done.add(close(c));
        open.clear();
        done.sort(Comparator.comparingLong(Conversation::firstMicros));
        return done;
    }

    /** True when the total cap was reached and later payload was not kept. */
    public boolean overTotalCap() {
        return overTotal;
    }

    private Conversation close(Half[] c) {
        Half a = c[0];
        Half b = c[1];
        // the side that sent the first SYN without ACK is the client; without a handshake, the server has the lower port
        boolean aIsClient;
        if (a.pureSynMicros != b.pureSynMicros) aIsClient = a.pureSynMicros < b.pureSynMicros;
        else aIsClient = a.to.getPort() <= a.from.getPort();
        Half client = aIsClient ? a : b;
        Half server = aIsClient ? b : a;
        long first = Math.min(a.firstSeen, b.firstSeen);
        long last = Math.max(a.lastSeen, b.lastSeen);
        Stream cs = assemble(client);
        Stream ss = assemble(server);
        buffered -= client.bytes + server.bytes;
        return new Conversation(client.from, client.to, first, last, cs, ss);
    }

    private Stream assemble(Half h) {
        if (h.segments.isEmpty()) return h.bytes > streamCap ? new Stream(new byte[0], List.of(), false, true) : Stream.EMPTY;
        long base = (h.isn + 1) & 0xffffffffL;
        List<long[]> order = new ArrayList<>(); // [relative offset, index]
        for (int i = 0; i < h.segments.size(); i++) {
            long rel = (h.segments.get(i).seq() - base) & 0xffffffffL;
            if (rel < 0x80000000L) order.add(new long[]{rel, i}); // else: before the stream start (a stray old segment)
        }
        order.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Stream.Chunk> chunks = new ArrayList<>();
        boolean gap = false;
        for (long[] o : order) {
            Frame f = h.segments.get((int) o[1]);
            long end = out.size();
            if (o[0] > end) {
                gap = true;
                break;
            }
            int skip = (int) (end - o[0]);
            if (skip >= f.payload().length) continue; // a retransmission of bytes already placed
            chunks.add(new Stream.Chunk(out.size(), f.number(), f.micros()));
            out.write(f.payload(), skip, f.payload().length - skip);
        }
        return new Stream(out.toByteArray(), chunks, gap, h.bytes > streamCap);
    }

    private static Half half(Half[] c, InetSocketAddress from) {
        return c[0].from.equals(from) ? c[0] : c[1].from.equals(from) ? c[1] : null;
    }

    private static String key(InetSocketAddress x, InetSocketAddress y) {
        String a = x.getAddress().getHostAddress() + "|" + x.getPort();
        String b = y.getAddress().getHostAddress() + "|" + y.getPort();
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }
}
