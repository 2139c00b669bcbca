package dev.starprobe.model;

import java.time.Instant;

/** A packet or connection the scope guard refused to send, and who asked for it. */
public record ScopeRefusal(Instant at, String address, String requestedBy, String reason) {
}
