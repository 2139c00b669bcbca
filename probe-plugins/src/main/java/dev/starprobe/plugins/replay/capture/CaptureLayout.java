package dev.starprobe.plugins.replay.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks the block structure of a pcap or pcapng file (headers only, never the packet bytes) before libpcap
 * reads it: libpcap stops at a damaged record with a message that names neither the file nor the place,
 * and reads a cut-off file as if it simply ended. This names the byte offset of the first problem.
 */
public final class CaptureLayout {
    /** records above this are corrupt length fields, not packets (the largest jumbo frames are far smaller) */
    static final int MAX_RECORD = 16 * 1024 * 1024;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int EPB = 6;
    private static final int SPB = 3;
    private static final int OBSOLETE_PB = 2;

    public enum Format { PCAP, PCAPNG }

    /** What the walk found: the format, the number of packet records and the file size. */
    public record Layout(Format format, long packets, long bytes) {
    }

    private CaptureLayout() {
    }

    public static Layout check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 4) throw new CaptureFormatException(file, 0, "file of " + size + " bytes is too short to be a pcap or pcapng file");
            int magic = read(ch, 0, 4, ByteOrder.BIG_ENDIAN).getInt();
            if (magic == PCAPNG_SHB) return new Layout(Format.PCAPNG, pcapng(file, ch, size), size);
            ByteOrder order = pcapOrder(magic);
            if (order == null) {
                throw new CaptureFormatException(file, 0, String.format("not a pcap or pcapng file (magic 0x%08x)", magic));
            }
            return new Layout(Format.PCAP, pcap(file, ch, size, order), size);
        }
    }

    private static ByteOrder pcapOrder(int magic) {
        return switch (magic) {
            case 0xa1b2c3d4, 0xa1b23c4d -> ByteOrder.BIG_ENDIAN;
            case 0xd4c3b2a1, 0x4d3cb2a1 -> ByteOrder.LITTLE_ENDIAN;
            default -> null;
        };
    }

    private static long pcap(Path file, FileChannel ch, long size, ByteOrder order) throws IOException {
        if (size < 24) throw new CaptureFormatException(file, size, "pcap global header cut short (" + size + " of 24 bytes)");
        ByteBuffer g = read(ch, 0, 24, order);
        int major = Short.toUnsignedInt(g.getShort(4));
        if (major != 2) throw new CaptureFormatException(file, 4, "unsupported pcap major version " + major);
        long off = 24;
        long frames = 0;
        while (off < size) {
            long frame = frames + 1;
            if (size - off < 16) {
                throw new CaptureFormatException(file, off, "record header of frame " + frame + " cut short ("
                        + (size - off) + " of 16 bytes): the file is truncated");
            }
            ByteBuffer r = read(ch, off, 16, order);
            long incl = Integer.toUnsignedLong(r.getInt(8));
            if (incl > MAX_RECORD) {
                throw new CaptureFormatException(file, off + 8, "frame " + frame + " claims " + incl + " captured bytes: corrupt record header");
            }
            if (off + 16 + incl > size) {
                throw new CaptureFormatException(file, off, "frame " + frame + " claims " + incl + " bytes but only "
                        + (size - off - 16) + " remain: the file is truncated");
            }
            off += 16 + incl;
            frames++;
        }
        return frames;
    }

    private static long pcapng(Path file, FileChannel ch, long size) throws IOException {
        long off = 0;
        long packets = 0;
        ByteOrder order = null;
        while (off < size) {
            if (size - off < 12) {
                throw new CaptureFormatException(file, off, "block header cut short (" + (size - off) + " of 12 bytes): the file is truncated");
            }
            int rawType = read(ch, off, 4, ByteOrder.BIG_ENDIAN).getInt();
            if (rawType == PCAPNG_SHB) {
                if (size - off < 28) throw new CaptureFormatException(file, off, "section header block cut short: the file is truncated");
                int bom = read(ch, off + 8, 4, ByteOrder.BIG_ENDIAN).getInt();
                if (bom == BYTE_ORDER_MAGIC) order = ByteOrder.BIG_ENDIAN;
                else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) order = ByteOrder.LITTLE_ENDIAN;
                else throw new CaptureFormatException(file, off + 8, String.format("bad pcapng byte-order magic 0x%08x", bom));
            } else if (order == null) {
                throw new CaptureFormatException(file, off, "pcapng file does not start with a section header block");
            }
            ByteBuffer h = read(ch, off, 8, order);
            int type = h.getInt(0);
            long len = Integer.toUnsignedLong(h.getInt(4));
            if (len < 12 || len % 4 != 0 || len > MAX_RECORD + 64L) {
                throw new CaptureFormatException(file, off + 4, String.format("block of type 0x%08x has invalid length %d", type, len));
            }
            if (off + len > size) {
                throw new CaptureFormatException(file, off, String.format("block of type 0x%08x claims %d bytes but only %d remain:"
                        + " the file is truncated", type, len, size - off));
            }
            long trailer = Integer.toUnsignedLong(read(ch, off + len - 4, 4, order).getInt());
            if (trailer != len) {
                throw new CaptureFormatException(file, off + len - 4, String.format("block of type 0x%08x: trailing length %d"
                        + " differs from leading length %d", type, trailer, len));
            }
            if (type == EPB || type == OBSOLETE_PB) {
                if (len < 32) throw new CaptureFormatException(file, off, "packet block shorter than its fixed fields");
                long caplen = Integer.toUnsignedLong(read(ch, off + 20, 4, order).getInt());
                if (caplen > len - 32) {
                    throw new CaptureFormatException(file, off + 20, "packet " + (packets + 1) + " claims " + caplen
                            + " captured bytes in a block of " + len);
                }
                packets++;
            } else if (type == SPB) {
                packets++;
            }
            off += len;
        }
        return packets;
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) throw new java.io.EOFException("unexpected end at " + pos);
        }
        return b.flip().order(order);
    }
}
