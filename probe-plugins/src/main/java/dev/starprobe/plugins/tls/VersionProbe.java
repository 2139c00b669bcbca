package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.ServerFlight;
import dev.starprobe.plugins.tls.wire.TlsVersion;

/**
 * Whether one protocol version was accepted, from the ClientHello that offered only it.
 *
 * @param flight what came back (null when nothing was sent, e.g. the probe stopped early)
 */
public record VersionProbe(TlsVersion version, Status status, String detail, ServerFlight flight) {
    public enum Status {
        /** the server negotiated exactly this version */
        ACCEPTED,
        /** the server declined it (alert, another version, or closing without a word) */
        REFUSED,
        /** no usable answer: timeout, garbage, or not tried; the version's status is unknown */
        UNKNOWN
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
