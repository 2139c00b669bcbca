package dev.starprobe.lab.http;

import dev.starprobe.lab.auth.BasicAuth;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.DigestAuth;
import dev.starprobe.lab.auth.LoginGate;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;

/**
 * Protects web pages with HTTP Basic or Digest authentication (or a form-login session): {@link #check}
 * returns null when the exchange is authenticated, otherwise the 401 challenge or the 429 lockout answer.
 */
public final class WebAuth {
    public enum Scheme { BASIC, DIGEST }

    private final LoginGate gate;
    private final Scheme scheme;
    private final String realm;
    private final DigestAuth digest;
    private final SessionStore sessions;

    public WebAuth(LoginGate gate, Scheme scheme, String realm, boolean strictDigest, SessionStore sessions) {
        this.gate = gate;
        this.scheme = scheme;
        this.realm = realm;
        this.digest = new DigestAuth(realm, strictDigest);
        this.sessions = sessions;
    }

    public LoginGate gate() {
        return gate;
    }

    /** null when authenticated; otherwise the response to send. */
    public FullHttpResponse check(HttpExchange ex) {
        if (sessions != null && sessions.user(ex) != null) return null;
        String authz = ex.header(HttpHeaderNames.AUTHORIZATION);
        LoginGate.Outcome outcome = null;
        if (scheme == Scheme.BASIC) {
            Credentials c = BasicAuth.parse(authz);
            if (c != null) outcome = gate.attempt(ex.service(), ex.peer(), c.user(), c.password());
        } else {
            Map<String, String> p = DigestAuth.parse(authz);
            if (p != null) {
                outcome = gate.attempt(ex.service(), ex.peer(), p.get("username"),
                        stored -> digest.verify(p, ex.method(), stored));
            }
        }
        if (outcome != null && outcome.ok()) return null;
        if (outcome == LoginGate.Outcome.LOCKED || (outcome == null && gate.lockout().isLocked(ex.peer().getAddress()))) {
            return Responses.locked(gate.lockout().retryAfterSeconds(ex.peer().getAddress()));
        }
        return Responses.unauthorized(scheme == Scheme.BASIC ? BasicAuth.challenge(realm) : digest.challenge());
    }
}
