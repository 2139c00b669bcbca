package dev.starprobe.evidence.pcap;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves packets from one live handle into one capture file on its own thread, as they arrive, so
 * nothing accumulates in memory. The file stops growing at its cap; packets after that are counted so
 * the report can say how much is missing. The handle and dumper are used and closed on this thread
 * only, because libpcap handles are not thread-safe.
 */
final class PacketPump implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketPump.class);
    /** pcap global header and per-record header sizes: the cap counts what lands on disk */
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** after stop(), a device that keeps talking cannot keep the capture open longer than this */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);

    /** What the pump did, known once it has stopped. */
    record Outcome(long packets, long bytes, long packetsOverCap, Instant truncatedAt, long kernelDrops, String error) {
    }

    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final long maxBytes;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private volatile Outcome outcome;

    private final long idleMillis;

    PacketPump(PcapHandle handle, PcapDumper dumper, long maxBytes, Duration idle, String name) {
        this.handle = handle;
        this.idleMillis = Math.max(1, idle.toMillis());
        this.dumper = dumper;
        this.maxBytes = maxBytes;
        this.thread = new Thread(this, "capture-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long packets = 0;
        long bytes = FILE_HEADER;
        long over = 0;
        Instant truncatedAt = null;
        String error = null;
        try {
            while (true) {
                byte[] p = handle.getNextRawPacket(); // non-blocking: null when nothing is waiting
                if (p == null) {
                    if (stopping) break; // drained: everything the kernel held is in the file
                    Thread.sleep(idleMillis); // the kernel ring buffer holds packets meanwhile
                    continue;
                }
                Timestamp ts = handle.getTimestamp();
                long size = RECORD_HEADER + (long) p.length;
                if (bytes + size > maxBytes) {
                    if (truncatedAt == null) truncatedAt = ts.toInstant();
                    over++;
                } else {
                    dumper.dumpRaw(p, ts);
                    bytes += size;
                    packets++;
                }
                if (stopping && System.nanoTime() > stopDeadline) break;
            }
        } catch (InterruptedException e) {
            error = "interrupted";
        } catch (NotOpenException | RuntimeException e) {
            error = e.toString();
            LOG.warn("capture {} stopped early: {}", thread.getName(), e.toString());
        }
        long drops = 0;
        try {
            dumper.flush();
            drops = handle.getStats().getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            LOG.debug("capture {} statistics unavailable: {}", thread.getName(), e.toString());
        }
        dumper.close();
        handle.close();
        outcome = new Outcome(packets, bytes, over, truncatedAt, drops, error);
    }

    /** Lets the grace period pass, stops, waits for the file to be closed, and says what was captured. */
    Outcome stop(Duration grace) throws InterruptedException {
        Thread.sleep(grace.toMillis());
        stopDeadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        stopping = true;
        thread.join(DRAIN_LIMIT.toMillis() * 3);
        Outcome o = outcome;
        if (o == null) throw new IllegalStateException("capture thread " + thread.getName() + " did not stop");
        return o;
    }
}
