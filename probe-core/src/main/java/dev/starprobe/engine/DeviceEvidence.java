package dev.starprobe.engine;

import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.spi.EvidenceRecorder;
import dev.starprobe.spi.Transcript;

/** Evidence of one check on one device, filed under the device's folder. */
final class DeviceEvidence implements EvidenceRecorder {
    private final EvidenceStore store;
    private final String device;
    private final String checkId;

    DeviceEvidence(EvidenceStore store, String device, String checkId) {
        this.store = store;
        this.device = device;
        this.checkId = checkId;
    }

    @Override
    public EvidenceRef transcript(Transcript transcript, String note) {
        return store.transcript(device, checkId, transcript, note);
    }

    @Override
    public EvidenceRef transcripts(java.util.List<Transcript> transcripts, String note) {
        return store.transcripts(device, checkId, transcripts, note);
    }

    @Override
    public EvidenceRef file(String kind, String suggestedName, byte[] content, String note) {
        return store.file(kind, device, checkId + "-" + suggestedName, content, note);
    }

    @Override
    public void secret(String value) {
        store.secret(device, value);
    }
}
