package dev.starprobe.plugins.auth;

import java.io.IOException;

/**
 * One place a device takes a user name and password (HTTP Basic on /, a form, a Telnet prompt...).
 * {@link #attempt} makes exactly one login attempt and reports what it observed, without judging it
 * against the baseline: that comparison is the checks' job. Attempts go through an {@link AttemptLedger},
 * which counts them against the hard budget. Surfaces are found by {@link SurfaceRegistry}.
 */
interface LoginSurface {
    /** e.g. "HTTP Basic on https://…:443/" */
    String describe();

    Observation attempt(String user, String password) throws IOException;

    /**
     * The credential family: the name a user-supplied valid credential may carry (--credential KIND=USER:SECRET)
     * and the data file's {@code @KIND} entries that only this surface takes.
     */
    String kind();

    /**
     * Whether the device can show a lockout without a valid credential. False where protocols or common
     * stacks refuse a locked-out login exactly like a wrong one (MQTT CONNACK 5, SSH/FTP behind PAM faillock,
     * SNMP's silence), so alike answers to wrong logins prove nothing there.
     */
    default boolean lockoutVisibleWithoutCredential() {
        return true;
    }

    /** False where generic user/password pairs make no sense and only the {@code @kind} entries apply (SNMP). */
    default boolean takesUserPasswordPairs() {
        return true;
    }

    /**
     * Why the refusals seen so far cannot support a PASS (silence that may be a service that stopped answering,
     * answers that are no login at all), or null when they can.
     */
    default String refusalDoubt() {
        return null;
    }

    /**
     * What one attempt looked like.
     *
     * @param signature what distinguishes outcomes (status, cookie, prompt), compared with the baseline
     * @param positive  the surface-specific sign of a session (2xx/3xx, a session cookie, a shell prompt, CONNACK 0, SDP)
     * @param lockout   a sign of throttling or lockout (429/423, Retry-After, "too many", challenge withdrawn)
     * @param summary   one line for the report
     */
    record Observation(String signature, boolean positive, boolean lockout, String summary) {
    }
}
