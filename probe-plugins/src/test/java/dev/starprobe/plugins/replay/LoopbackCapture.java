package dev.starprobe.plugins.replay;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;

import java.nio.file.Path;

/**
 * A real packet capture on the loopback interface while a test's "companion app" talks to a lab device:
 * libpcap through pcap4j, written as a pcap file, like a user's tcpdump of the app's traffic.
 */
public final class LoopbackCapture implements AutoCloseable {
    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final Thread pump;
    private volatile boolean stop;

    private LoopbackCapture(PcapHandle handle, PcapDumper dumper) {
        this.handle = handle;
        this.dumper = dumper;
        this.pump = new Thread(this::run, "test-capture");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts capturing packets to or from {@code host}; needs CAP_NET_RAW (tests run as root here). */
    public static LoopbackCapture start(String host, Path file) throws Exception {
        // not immediate mode: it falls back to a ring of a few snaplen-sized slots and drops packets (docs: environment)
        PcapHandle h = new PcapHandle.Builder("lo").snaplen(65535).timeoutMillis(10).immediateMode(false).bufferSize(16 * 1024 * 1024)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS).build();
        h.setFilter("host " + host, BpfProgram.BpfCompileMode.OPTIMIZE);
        h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        return new LoopbackCapture(h, h.dumpOpen(file.toString()));
    }

    private void run() {
        try {
            while (true) {
                byte[] p = handle.getNextRawPacket();
                if (p == null) {
                    if (stop) break;
                    Thread.sleep(2);
                    continue;
                }
                dumper.dumpRaw(p, handle.getTimestamp());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                dumper.flush();
            } catch (Exception ignored) {
                // closing below
            }
            dumper.close();
            handle.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread.sleep(200); // the last packets (FIN/ACK) reach the ring
        stop = true;
        pump.join(5000);
    }
}
