package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.NetworkException;

/** The scope guard refused an address. */
public class OutOfScopeException extends NetworkException {
    public OutOfScopeException(String message) {
        super(NetworkFailure.OUT_OF_SCOPE, message);
    }
}
