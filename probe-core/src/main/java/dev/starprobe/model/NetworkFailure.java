package dev.starprobe.model;

/** Why a network operation failed, in the terms a lab engineer acts on. */
public enum NetworkFailure {
    /** the port answered with RST */
    REFUSED,
    /** no SYN/ACK within the connect timeout */
    CONNECT_TIMEOUT,
    /** connected, but the peer stopped answering within the I/O timeout */
    IO_TIMEOUT,
    /** the peer closed or reset an established connection */
    RESET,
    /** TLS/DTLS handshake failed */
    HANDSHAKE_ERROR,
    /** the peer answered with something the protocol does not allow */
    PROTOCOL_ERROR,
    /** no route, host down, network unreachable */
    UNREACHABLE,
    /** the scope guard refused to send anything to this address */
    OUT_OF_SCOPE,
    /** the peer sent more than the read cap allows */
    OVERSIZED,
    /** anything else; the detail says what */
    OTHER
}
