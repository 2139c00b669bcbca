package dev.starprobe.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A block of loopback addresses in 127.77.0.0/16 reserved for one Lab. Blocks are aligned powers of two
 * (at least /27), so the block is exactly one CIDR. The starting point derives from the process id and a
 * per-JVM counter; a block is taken only if no other Lab of this JVM holds it and an OS file lock (one per
 * /27 unit, under java.io.tmpdir) shows no other process holds it either.
 */
final class LabAddressBlock implements AutoCloseable {
    static final int UNIT = 32;
    private static final int UNITS = 65536 / UNIT;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Integer> TAKEN_HERE = ConcurrentHashMap.newKeySet();

    private final int firstUnit;
    private final int units;
    private final List<FileChannel> channels;
    private final List<FileLock> locks;

    private LabAddressBlock(int firstUnit, int units, List<FileChannel> channels, List<FileLock> locks) {
        this.firstUnit = firstUnit;
        this.units = units;
        this.channels = channels;
        this.locks = locks;
    }

    /** Reserves a block with room for {@code hosts} device addresses (network and broadcast left unused). */
    static LabAddressBlock reserve(int hosts) {
        int size = UNIT;
        while (size < hosts + 2) size <<= 1;
        if (size > 256) throw new IllegalArgumentException("a lab holds at most 254 devices, not " + hosts);
        int units = size / UNIT;
        long pid = ProcessHandle.current().pid();
        int start = (int) ((pid % 256) * (256 / UNIT) + COUNTER.getAndIncrement() * units) % UNITS;
        start -= start % units;
        for (int i = 0; i < UNITS; i += units) {
            int first = (start + i) % UNITS;
            LabAddressBlock b = tryTake(first, units);
            if (b != null) return b;
        }
        throw new IllegalStateException("no free loopback block in 127.77.0.0/16");
    }

    private static LabAddressBlock tryTake(int first, int units) {
        List<Integer> mine = new ArrayList<>();
        for (int u = first; u < first + units; u++) {
            if (!TAKEN_HERE.add(u)) {
                TAKEN_HERE.removeAll(mine);
                return null;
            }
            mine.add(u);
        }
        List<FileChannel> channels = new ArrayList<>();
        List<FileLock> locks = new ArrayList<>();
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "starprobe-lab-addresses");
            Files.createDirectories(dir);
            for (int u = first; u < first + units; u++) {
                FileChannel ch = FileChannel.open(dir.resolve("unit-" + u + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                channels.add(ch);
                FileLock l = ch.tryLock();
                if (l == null) throw new IOException("held by another process");
                locks.add(l);
            }
            return new LabAddressBlock(first, units, channels, locks);
        } catch (IOException | OverlappingFileLockException e) {
            release(channels, locks);
            TAKEN_HERE.removeAll(mine);
            return null;
        }
    }

    private static void release(List<FileChannel> channels, List<FileLock> locks) {
        for (FileLock l : locks) {
            try {
                l.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
        }
        for (FileChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** The i-th host address of the block (i from 0; the network address is skipped). */
    InetAddress host(int i) {
        int offset = firstUnit * UNIT + 1 + i;
        if (i < 0 || 1 + i >= units * UNIT - 1) throw new IndexOutOfBoundsException(i);
        try {
            return InetAddress.getByAddress(new byte[] {127, 77, (byte) (offset >> 8), (byte) offset});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    String cidr() {
        int base = firstUnit * UNIT;
        int prefix = 32 - Integer.numberOfTrailingZeros(units * UNIT);
        return "127.77." + (base >> 8) + "." + (base & 0xff) + "/" + prefix;
    }

    @Override
    public void close() {
        release(channels, locks);
        for (int u = firstUnit; u < firstUnit + units; u++) TAKEN_HERE.remove(u);
    }
}
