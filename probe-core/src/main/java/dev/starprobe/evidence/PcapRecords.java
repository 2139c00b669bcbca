package dev.starprobe.evidence;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams the record headers of a classic pcap file (the format libpcap's dumper writes), without
 * native code and in constant memory: enough to number frames and read their times. A truncated last
 * record (a capture cut short) ends the stream rather than failing it.
 */
public final class PcapRecords {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    /** One record: 1-based frame number, capture time in microseconds since the epoch, bytes stored, bytes on the wire. */
    public record Header(long frame, long epochMicros, int capturedLength, int originalLength) {
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(Header header);
    }

    /** Global header fields. */
    public record FileInfo(int linkType, int snaplen, long frames) {
    }

    private PcapRecords() {
    }

    public static FileInfo read(Path file, Visitor visitor) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024))) {
            byte[] global = new byte[24];
            in.readFully(global);
            ByteBuffer g = ByteBuffer.wrap(global).order(ByteOrder.BIG_ENDIAN);
            int magic = g.getInt(0);
            ByteOrder order = ByteOrder.BIG_ENDIAN;
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                order = ByteOrder.LITTLE_ENDIAN;
                magic = Integer.reverseBytes(magic);
                if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) throw new IOException(file + " is not a pcap file");
            }
            boolean nanos = magic == MAGIC_NANOS;
            g.order(order);
            int snaplen = g.getInt(16);
            int linkType = g.getInt(20);
            byte[] rec = new byte[16];
            long frame = 0;
            while (true) {
                try {
                    in.readFully(rec);
                } catch (EOFException e) {
                    break;
                }
                ByteBuffer r = ByteBuffer.wrap(rec).order(order);
                long sec = Integer.toUnsignedLong(r.getInt(0));
                long frac = Integer.toUnsignedLong(r.getInt(4));
                int incl = r.getInt(8);
                int orig = r.getInt(12);
                if (incl < 0 || incl > 0x4000000) throw new IOException(file + ": corrupt record length at frame " + (frame + 1));
                try {
                    in.skipNBytes(incl);
                } catch (EOFException e) {
                    break; // the last record was cut short: not a frame
                }
                frame++;
                visitor.visit(new Header(frame, sec * 1_000_000 + (nanos ? frac / 1000 : frac), incl, orig));
            }
            return new FileInfo(linkType, snaplen, frame);
        }
    }
}
