package dev.starprobe.plugins.tls.policy;

import java.util.Map;
import java.util.Set;

/**
 * The attributes each observed subject carries: the vocabulary of policy rules. A rule naming an
 * attribute outside this schema is refused when the policy loads (a typo must not silently
 * disable a rule).
 */
final class Schema {
    static final Map<String, Set<String>> SUBJECTS = Map.of(
            "protocol", Set.of("protocol", "dtls"),
            "suite", Set.of("name", "keyExchange", "authentication", "cipher", "algorithm", "bits", "mode", "mac",
                    "export", "forwardSecret", "version", "encryptThenMac", "dtls"),
            "group", Set.of("name", "kind", "bits", "version", "dtls"),
            "certificate", Set.of("position", "keyType", "keyBits", "signatureHash", "signatureAlgorithm", "expired",
                    "notYetValid", "validityDays", "selfSigned", "nameMatches", "issuerVerified", "sharedWithOtherDevices", "dtls"),
            "feature", Set.of("name", "enabled", "version", "dtls"),
            "cleartext", Set.of("kind", "port", "beside"));

    private Schema() {
    }
}
