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
}
