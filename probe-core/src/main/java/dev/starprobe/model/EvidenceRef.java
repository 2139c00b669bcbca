package dev.starprobe.model;

import java.util.Objects;

/**
 * Points at the bytes behind a claim: a capture, a transcript, a certificate.
 *
 * @param kind     e.g. {@code pcap}, {@code transcript}, {@code certificate}
 * @param path     relative to the report directory; null when nothing was stored (see note)
 * @param sha256   hex digest of the file, null when not stored
 * @param range    frame or time range inside the file, or null for the whole file
 * @param note     what the evidence shows, or why it is missing ("not captured: no CAP_NET_RAW")
 */
public record EvidenceRef(String kind, String path, String sha256, String range, String note) {
    public EvidenceRef {
        Objects.requireNonNull(kind, "kind");
    }

    public static EvidenceRef missing(String kind, String why) {
        return new EvidenceRef(kind, null, null, null, why);
    }
}
