package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.ClientHello;
import dev.starprobe.spi.NetworkException;

import java.io.InterruptedIOException;

/** Sends one ClientHello on a fresh connection (TCP) or association (UDP) and reads the first flight. */
public interface HelloTransport {
    /** @throws NetworkException when the service cannot be reached at all */
    HelloProbe.Result send(ClientHello hello) throws NetworkException, InterruptedIOException;

    /** ClientHellos sent so far. */
    int sent();
}
