package dev.starprobe.evidence.pcap;

import dev.starprobe.evidence.CaptureSettings;
import dev.starprobe.evidence.EvidenceCapture;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.model.Device;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One scan's captures: per device a handle on the interface that reaches it, filtered to its address
 * ({@code host A}, which also matches its ARP), dumped to {@code evidence/<device>/capture.pcap}.
 */
final class PcapEvidenceCapture implements EvidenceCapture {
    static final String FILE = "capture.pcap";

    private final LiveCaptureOpener opener;
    private final CaptureInterfaces interfaces;
    private final CaptureSettings settings;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    PcapEvidenceCapture(LiveCaptureOpener opener, CaptureInterfaces interfaces, CaptureSettings settings) {
        this.opener = opener;
        this.interfaces = interfaces;
        this.settings = settings;
    }

    @Override
    public DeviceCapture start(Device device, EvidenceStore store) {
        String label = device.id();
        if (!store.storing()) return EvidenceCapture.notCaptured("no report directory to write the capture to");
        String iface = interfaces.forAddress(device.address());
        String filter = "host " + device.address().getHostAddress();
        EvidenceStore.Reserved file = null;
        PcapHandle handle = null;
        try {
            file = store.reserve(device.id(), FILE);
            handle = opener.open(iface, filter, settings);
            PcapDumper dumper = handle.dumpOpen(file.file().toString());
            PacketPump pump = new PacketPump(handle, dumper, settings.maxBytesPerDevice(), settings.poll(), label);
            pump.start();
            // the last kernel block is handed over only after the block timeout: wait longer than that
            java.time.Duration grace = settings.grace().compareTo(LiveCaptureOpener.BLOCK_TIMEOUT.multipliedBy(2)) < 0
                    ? LiveCaptureOpener.BLOCK_TIMEOUT.multipliedBy(2) : settings.grace();
            return new PcapDeviceCapture(label, "interface " + iface + ", filter '" + filter + "'", store, file, pump,
                    grace, settings.maxBytesPerDevice(), warnings::add);
        } catch (Exception | LinkageError e) {
            if (handle != null) handle.close();
            if (file != null) store.discard(file);
            String why = PcapCaptureFactory.explain(iface, e);
            warnings.add(label + ": packet capture failed: " + why);
            return EvidenceCapture.notCaptured("capture failed: " + why);
        }
    }

    @Override
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }
}
