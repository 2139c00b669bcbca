package dev.starprobe.plugins.auth;

import java.io.IOException;
import java.util.Locale;

/**
 * A login surface sampled for user enumeration: one failed attempt's whole answer (status and the headers
 * that carry meaning, normalised body, length) and how long the device took to give it. The known
 * credential's logins, which keep the device's failure counter below its lockout threshold, go through
 * the surface's {@link LoginSurface} so that "logged in" means the same as in the other auth checks.
 */
abstract class EnumerationSurface {
    private final LoginSurface login;

    EnumerationSurface(LoginSurface login) {
        this.login = login;
    }

    /**
     * @param headline status plus the headers an attacker could tell apart (cookie set, redirect target, challenge scheme)
     * @param body     the body normalised by {@link AnswerNormaliser}
     * @param millis   time from sending the login to the end of the answer
     */
    record Answer(String headline, String body, double millis, boolean lockout, String summary) {
    }

    String describe() {
        return login.describe();
    }

    LoginSurface.Observation login(String user, String password) throws IOException {
        return login.attempt(user, password);
    }

    abstract Answer answer(String user, String password) throws IOException;

    static Answer answer(AuthHttp.Result r, String user, String password) {
        String location = r.header("location");
        String challenge = r.header("www-authenticate");
        String headline = r.status() + (r.setsCookie() ? " +cookie" : "")
                + (location == null ? "" : " -> " + AnswerNormaliser.normalise(location, user, password))
                + (challenge == null ? "" : " challenge " + challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT));
        return new Answer(headline, AnswerNormaliser.normalise(r.body(), user, password), r.millis(),
                Surfaces.lockoutStatus(r), r.summary());
    }

    /** An HTML form login: each attempt posts the form with the fields as served. */
    static EnumerationSurface form(AuthHttp http, Surfaces.HttpForm form) {
        return new EnumerationSurface(form) {
            @Override
            Answer answer(String user, String password) throws IOException {
                return answer(http.post(form.action(), form.fields(user, password)), user, password);
            }
        };
    }

    /** HTTP Basic or Digest on {@code path}; a Digest attempt first fetches a fresh nonce (not timed). */
    static EnumerationSurface challenge(AuthHttp http, String path, String challenge) {
        boolean digest = Digest.isDigest(challenge);
        return new EnumerationSurface(new Surfaces.HttpChallenge(http, path, challenge)) {
            @Override
            Answer answer(String user, String password) throws IOException {
                String auth = Digest.basic(user, password);
                if (digest) {
                    AuthHttp.Result c = http.get(path, null);
                    String fresh = c.header("www-authenticate");
                    if (Surfaces.lockoutStatus(c) || !Digest.isDigest(fresh)) {
                        return new Answer(c.status() + " no challenge", "", c.millis(), true,
                                "the Digest challenge was withheld (" + c.summary() + ")");
                    }
                    auth = Digest.answer(fresh, "GET", path, user, password);
                }
                return answer(http.get(path, auth), user, password);
            }
        };
    }
}
