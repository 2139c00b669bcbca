package dev.starprobe.plugins.tls.wire;

import java.util.Map;

/** A TLS alert a server sent in place of (or during) its first flight. */
public record Alert(int level, int description) {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(22, "record_overflow"), Map.entry(40, "handshake_failure"), Map.entry(42, "bad_certificate"),
            Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(50, "decode_error"),
            Map.entry(51, "decrypt_error"), Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"), Map.entry(90, "user_canceled"),
            Map.entry(109, "missing_extension"), Map.entry(110, "unsupported_extension"),
            Map.entry(112, "unrecognized_name"), Map.entry(115, "unknown_psk_identity"),
            Map.entry(120, "no_application_protocol"));

    public String name() {
        return NAMES.getOrDefault(description, "alert " + description);
    }

    public boolean fatal() {
        return level == 2;
    }

    @Override
    public String toString() {
        return (fatal() ? "fatal " : "warning ") + name();
    }
}
