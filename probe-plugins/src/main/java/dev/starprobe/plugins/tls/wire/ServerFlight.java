package dev.starprobe.plugins.tls.wire;

import java.util.List;

/**
 * What a server sent back to one ClientHello, as far as it could be read in the clear.
 *
 * @param hello        the ServerHello (or HelloRetryRequest), null if none came
 * @param certificates the server's chain as sent (TLS 1.2 and older only: later it is encrypted), DER, leaf first
 * @param rawPublicKey RFC 7250: the SubjectPublicKeyInfo a server sent instead of certificates, or null
 * @param keyExchange  ephemeral parameters from the ServerKeyExchange, null if none
 * @param alert        an alert the server sent, null if none
 * @param dtlsCookie   DTLS: the cookie of a HelloVerifyRequest, null if none
 * @param malformed    why the answer is not valid TLS/DTLS (garbage, another protocol), null if it is
 * @param firstBytes   the first bytes received, for reports about non-TLS answers
 * @param bytes        total bytes received
 */
public record ServerFlight(ServerHello hello, List<byte[]> certificates, byte[] rawPublicKey, KeyExchange keyExchange, Alert alert,
                           byte[] dtlsCookie, String malformed, byte[] firstBytes, int bytes) {
    public ServerFlight {
        certificates = List.copyOf(certificates);
    }

    public boolean answered() {
        return hello != null;
    }
}
