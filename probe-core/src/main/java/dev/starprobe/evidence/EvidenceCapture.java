package dev.starprobe.evidence;

import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the traffic of each device while its pipeline runs. The engine calls {@link #start} before
 * the device's first packet and {@link DeviceCapture#finish} after its last, so the capture file is
 * complete (and its hash final) before any finding points at it.
 */
public interface EvidenceCapture {

    /** Starts capturing one device. Never throws: a failure becomes a capture that says why on every finding. */
    DeviceCapture start(Device device, EvidenceStore store);

    /** What the report must say about capturing in this run (disabled, failed for a device, truncated). */
    List<String> warnings();

    /** One device's capture. */
    interface DeviceCapture {
        /** Stops, seals the file into the manifest and references it from every finding of the device. */
        DeviceResult finish(DeviceResult result);

        /** Stops and forgets: the address turned out to have no device. */
        void discard();
    }

    /** No capture at all; every finding says so, with the reason, and so does the report. */
    static EvidenceCapture off(String reason) {
        return new EvidenceCapture() {
            @Override
            public DeviceCapture start(Device device, EvidenceStore store) {
                return notCaptured(reason);
            }

            @Override
            public List<String> warnings() {
                return List.of("no packet capture: " + reason + "; findings carry transcripts only");
            }
        };
    }

    /** A device capture that attaches "not captured: reason" to every finding. */
    static DeviceCapture notCaptured(String reason) {
        return new DeviceCapture() {
            @Override
            public DeviceResult finish(DeviceResult result) {
                EvidenceRef missing = EvidenceRef.missing("pcap", "not captured: " + reason);
                List<Finding> marked = new ArrayList<>();
                for (Finding f : result.findings()) marked.add(f.withEvidence(List.of(missing)));
                return result.withFindings(marked);
            }

            @Override
            public void discard() {
            }
        };
    }
}
