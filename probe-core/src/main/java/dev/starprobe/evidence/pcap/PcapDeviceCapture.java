package dev.starprobe.evidence.pcap;

import dev.starprobe.evidence.CaptureRefs;
import dev.starprobe.evidence.EvidenceCapture;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.model.DeviceResult;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/** The capture of one device: running while its pipeline runs, sealed and referenced when it ends. */
final class PcapDeviceCapture implements EvidenceCapture.DeviceCapture {
    private final String deviceLabel;
    private final String where;
    private final EvidenceStore store;
    private final EvidenceStore.Reserved file;
    private final PacketPump pump;
    private final Duration grace;
    private final long maxBytes;
    private final Consumer<String> warn;

    PcapDeviceCapture(String deviceLabel, String where, EvidenceStore store, EvidenceStore.Reserved file,
                      PacketPump pump, Duration grace, long maxBytes, Consumer<String> warn) {
        this.deviceLabel = deviceLabel;
        this.where = where;
        this.store = store;
        this.file = file;
        this.pump = pump;
        this.grace = grace;
        this.maxBytes = maxBytes;
        this.warn = warn;
    }

    @Override
    public DeviceResult finish(DeviceResult result) {
        PacketPump.Outcome o;
        try {
            o = pump.stop(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(result, "interrupted while stopping the capture");
        } catch (IllegalStateException e) {
            return failed(result, e.getMessage());
        }
        try {
            String sha = store.seal(file);
            return CaptureRefs.attach(result, file.file(), file.relative(), sha, note(o));
        } catch (IOException e) {
            return failed(result, "capture file unreadable: " + e.getMessage());
        }
    }

    private String note(PacketPump.Outcome o) {
        StringBuilder sb = new StringBuilder("packets to and from the device, ").append(where)
                .append(", ").append(o.packets()).append(" frames");
        if (o.truncatedAt() != null) {
            String t = "truncated: the capture reached its cap of " + maxBytes + " bytes at " + o.truncatedAt() + "; "
                    + o.packetsOverCap() + " later packets were not written";
            sb.append("; ").append(t);
            warn.accept(deviceLabel + ": capture " + t);
        }
        if (o.kernelDrops() > 0) {
            sb.append("; the kernel dropped ").append(o.kernelDrops()).append(" packets (capture buffer full)");
            warn.accept(deviceLabel + ": the kernel dropped " + o.kernelDrops() + " packets from the capture");
        }
        if (o.error() != null) {
            sb.append("; capture stopped early: ").append(o.error());
            warn.accept(deviceLabel + ": capture stopped early: " + o.error());
        }
        return sb.toString();
    }

    private DeviceResult failed(DeviceResult result, String why) {
        warn.accept(deviceLabel + ": packet capture failed: " + why);
        store.discard(file);
        return EvidenceCapture.notCaptured("capture failed: " + why).finish(result);
    }

    @Override
    public void discard() {
        try {
            pump.stop(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException ignored) {
            // the thread is gone either way; the file is removed below
        }
        store.discard(file);
    }
}
