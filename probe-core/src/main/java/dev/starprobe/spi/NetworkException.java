package dev.starprobe.spi;

import dev.starprobe.model.NetworkFailure;

import java.io.IOException;

/** A network operation failed; {@link #failure()} says how, in zgrab2-like terms. */
public class NetworkException extends IOException {
    private final NetworkFailure failure;

    public NetworkException(NetworkFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public NetworkException(NetworkFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public NetworkFailure failure() {
        return failure;
    }
}
