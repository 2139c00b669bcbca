package dev.starprobe.plugins.replay.capture;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Reads a capture with libpcap (through pcap4j's offline handle: pcap and pcapng alike) after
 * {@link CaptureLayout} has checked its structure, and hands each TCP/UDP frame to a visitor.
 */
public final class FrameReader {

    @FunctionalInterface
    public interface Visitor {
        void frame(Frame f);
    }

    /** What a pass over the file saw. */
    public record Summary(CaptureLayout.Layout layout, int linkType, long frames, long decoded) {
    }

    /** A frame's stored bytes and time, for writing evidence slices. */
    public record RawFrame(long number, Timestamp at, byte[] bytes) {
    }

    private FrameReader() {
    }

    public static Summary read(Path file, Visitor visitor) throws IOException {
        CaptureLayout.Layout layout = CaptureLayout.check(file);
        long[] counts = new long[2];
        int link = each(file, (number, at, raw, linkType) -> {
            counts[0] = number;
            Frame f = FrameDecoder.decode(linkType, number, Math.floorDiv(at.getTime(), 1000) * 1_000_000 + at.getNanos() / 1000, raw);
            if (f != null) {
                counts[1]++;
                visitor.frame(f);
            }
        });
        return new Summary(layout, link, counts[0], counts[1]);
    }

    /** The raw records of the given frame numbers, in file order. */
    public static java.util.List<RawFrame> raw(Path file, Set<Long> numbers) throws IOException {
        java.util.List<RawFrame> out = new java.util.ArrayList<>();
        each(file, (number, at, raw, linkType) -> {
            if (numbers.contains(number)) out.add(new RawFrame(number, at, raw));
        });
        return out;
    }

    public static int linkType(Path file) throws IOException {
        return each(file, (n, at, raw, l) -> { });
    }

    private interface RawVisitor {
        void record(long number, Timestamp at, byte[] raw, int linkType);
    }

    private static int each(Path file, RawVisitor v) throws IOException {
        PcapHandle h;
        try {
            h = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            throw new IOException(file + ": libpcap cannot read it: " + e.getMessage(), e);
        }
        try {
            int linkType = h.getDlt().value();
            if (!FrameDecoder.supports(linkType)) {
                throw new IOException(file + ": link-layer type " + linkType + " (" + h.getDlt().name()
                        + ") is not one StarProbe decodes (Ethernet, Linux cooked, raw IP, BSD loopback)");
            }
            long number = 0;
            while (true) {
                byte[] raw;
                try {
                    raw = h.getNextRawPacketEx();
                } catch (EOFException end) {
                    break;
                } catch (TimeoutException e) {
                    continue; // never for an offline handle; kept for the API's contract
                }
                number++;
                v.record(number, h.getTimestamp(), raw, linkType);
            }
            return linkType;
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException(file + ": libpcap failed while reading: " + e.getMessage(), e);
        } finally {
            h.close();
        }
    }
}
