package dev.starprobe.spi;

import dev.starprobe.model.EvidenceRef;

/** Writes evidence files for the current device as the scan runs. */
public interface EvidenceRecorder {
    /** Writes the transcript of a session (text with hex for binary) and returns its reference. */
    EvidenceRef transcript(Transcript transcript, String note);

    /** Writes several transcripts (e.g. every connection of a check) into one file, in order. */
    EvidenceRef transcripts(java.util.List<Transcript> transcripts, String note);

    /** Writes arbitrary bytes (a certificate, a response body). */
    EvidenceRef file(String kind, String suggestedName, byte[] content, String note);

    /**
     * Registers a secret the device was found to disclose (a password, a key, a token): it is redacted from
     * every evidence file of this device, whichever check wrote it and whenever, and from the device's report
     * texts. Packet captures keep the raw bytes. Values shorter than 3 characters are ignored.
     */
    void secret(String value);
}
