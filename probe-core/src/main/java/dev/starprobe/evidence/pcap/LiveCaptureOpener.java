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

    PcapHandle open(String interfaceName, String bpfFilter, CaptureSettings settings)
            throws PcapNativeException, NotOpenException;

    /**
     * libpcap through pcap4j: immediate mode so packets reach the file as they arrive, and non-blocking,
     * because with TPACKET_V3 in immediate mode libpcap's read timeout never fires and a blocking read
     * would keep the capture from noticing that it must stop.
     */
    LiveCaptureOpener PCAP4J = (name, filter, s) -> {
        PcapHandle h = new PcapHandle.Builder(name)
                .snaplen(s.snaplen())
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(100)
                .bufferSize(s.bufferBytes())
                .immediateMode(true)
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
