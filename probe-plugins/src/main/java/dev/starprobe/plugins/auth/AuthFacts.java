package dev.starprobe.plugins.auth;

import dev.starprobe.spi.FactKey;

/** Facts the authentication checks share. */
public final class AuthFacts {
    /**
     * A login the device accepted during this scan (a default credential that worked), per service and
     * device-wide: it names an account that exists, which user-enumeration tests need.
     */
    public static final FactKey<AcceptedLogin> ACCEPTED_LOGIN = FactKey.of("auth.accepted-login", AcceptedLogin.class);

    private AuthFacts() {
    }

    /** A user name and password the device accepted, and where; {@link #toString()} hides the password. */
    public record AcceptedLogin(String user, String password, String where) {
        @Override
        public String toString() {
            return "AcceptedLogin[user=" + user + ", password=<redacted>, where=" + where + "]";
        }
    }
}
