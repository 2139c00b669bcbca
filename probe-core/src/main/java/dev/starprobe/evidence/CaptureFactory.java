package dev.starprobe.evidence;

import java.net.InetAddress;
import java.util.List;

/**
 * Makes packet captures for a scan. Separate from {@link EvidenceCapture} so that an application can
 * ask up front whether capturing works at all, tell the user, and let them choose, before any packet
 * is sent. Tests substitute it to simulate a machine without capture privileges.
 */
public interface CaptureFactory {

    /**
     * Opens and closes a capture on the interfaces these addresses are reached through.
     *
     * @throws CaptureUnavailableException with a message fit for the user (what is missing, how to fix it)
     */
    void preflight(List<InetAddress> addresses) throws CaptureUnavailableException;

    /** The capture for one scan. */
    EvidenceCapture capture(CaptureSettings settings);
}
