package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.KeyExchange;
import dev.starprobe.plugins.tls.wire.Suite;
import dev.starprobe.plugins.tls.wire.TlsVersion;

/**
 * A suite a server chose when offered, with what came with it.
 *
 * @param keyExchange     ephemeral parameters of the ServerKeyExchange, or null
 * @param encryptThenMac  whether the server agreed to encrypt-then-MAC (meaningful for CBC suites)
 */
public record AcceptedSuite(TlsVersion version, Suite suite, KeyExchange keyExchange, boolean encryptThenMac) {
}
