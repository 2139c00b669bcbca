package dev.starprobe.lab.auth;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The time a device spends hashing a submitted password (PBKDF2/bcrypt on a slow embedded CPU takes tens of
 * milliseconds). Simulated as a pause so that the lab does not depend on the host's CPU load.
 * {@link #onlyKnownUsers} is the common timing leak: the hash is computed only when the user exists, so a
 * wrong password for a real account answers measurably later than any password for an unknown name.
 * {@link #always} hashes a dummy value for unknown users too (the usual fix).
 */
public record HashCost(Duration cost, boolean forUnknownUsers) {
    public static HashCost none() {
        return new HashCost(Duration.ZERO, true);
    }

    public static HashCost onlyKnownUsers(Duration cost) {
        return new HashCost(cost, false);
    }

    public static HashCost always(Duration cost) {
        return new HashCost(cost, true);
    }

    /** Spends the hashing time for an attempt on an existing ({@code known}) or unknown user. */
    void spend(boolean known) {
        if (cost.isZero() || (!known && !forUnknownUsers)) return;
        long end = System.nanoTime() + cost.toNanos();
        for (long left = cost.toNanos(); left > 0; left = end - System.nanoTime()) LockSupport.parkNanos(left);
    }
}
