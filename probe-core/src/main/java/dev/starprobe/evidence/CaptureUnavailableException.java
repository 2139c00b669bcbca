package dev.starprobe.evidence;

/** Packet capture cannot work in this process (privileges, missing libpcap); the message says why. */
public class CaptureUnavailableException extends Exception {
    public CaptureUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
