package dev.starprobe.plugins.auth;

import java.io.IOException;

/**
 * One place a device takes a user name and password (HTTP Basic on /, a form, a Telnet prompt...).
 * {@link #attempt} makes exactly one login attempt and reports what it observed, without judging it
 * against the baseline: that comparison is {@link LoginProof}'s job.
 */
interface LoginSurface {
    /** e.g. "HTTP Basic on https://…:443/" */
    String describe();

    Observation attempt(String user, String password) throws IOException;

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
