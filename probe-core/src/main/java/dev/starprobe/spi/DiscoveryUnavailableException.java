package dev.starprobe.spi;

/** A discovery method cannot run on this machine or interface; the message tells the user what to do. */
public class DiscoveryUnavailableException extends RuntimeException {
    public DiscoveryUnavailableException(String message) {
        super(message);
    }

    public DiscoveryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
