package dev.starprobe.evidence.pcap;

import dev.starprobe.evidence.CaptureSettings;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/** Opens a live, filtered capture handle; the seam where tests simulate a machine without privileges. */
@FunctionalInterface
public interface LiveCaptureOpener {
    /** how long the kernel holds a partly filled TPACKET_V3 block before handing it over */
    java.time.Duration BLOCK_TIMEOUT = java.time.Duration.ofMillis(50);

    PcapHandle open(String interfaceName, String bpfFilter, CaptureSettings settings)
            throws PcapNativeException, NotOpenException;

    /**
     * libpcap through pcap4j. Not in immediate mode, because immediate mode makes libpcap fall back from
     * TPACKET_V3 to V2, whose ring has one fixed slot of snaplen bytes per packet (4 slots in 1 MiB with
     * a 256 KiB snaplen), and the kernel dropped packets even at a polite scan rate. TPACKET_V3 packs packets by
     * their real size; a block reaches us when full or after the read timeout, which the capture's grace
     * period outlasts before it stops. Non-blocking, so the capture notices promptly that it must stop.
     */
    LiveCaptureOpener PCAP4J = (name, filter, s) -> {
        PcapHandle h = new PcapHandle.Builder(name)
                .snaplen(s.snaplen())
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis((int) BLOCK_TIMEOUT.toMillis())
                .bufferSize(s.bufferBytes())
                .immediateMode(false)
                .build();
        try {
            h.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return h;
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            h.close();
            throw e;
        }
    };
}
