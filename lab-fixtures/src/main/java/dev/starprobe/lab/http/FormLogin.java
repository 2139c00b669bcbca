package dev.starprobe.lab.http;

import dev.starprobe.lab.auth.LoginGate;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

/**
 * An HTML form login: GET /login.html shows the form, POST /login (fields {@code username}, {@code password})
 * answers 302 to the landing page with a session cookie, or the form again with an error. A device that
 * {@code revealsUnknownUser} answers "Unknown user" and "Wrong password" differently (user enumeration).
 */
public final class FormLogin {
    private final LoginGate gate;
    private final SessionStore sessions;
    private final String title;
    private final String landing;
    private final boolean revealsUnknownUser;

    public FormLogin(LoginGate gate, SessionStore sessions, String title, String landing, boolean revealsUnknownUser) {
        this.gate = gate;
        this.sessions = sessions;
        this.title = title;
        this.landing = landing;
        this.revealsUnknownUser = revealsUnknownUser;
    }

    /** Adds /login.html and /login to {@code routes}. */
    public HttpRoutes addTo(HttpRoutes routes) {
        return routes.get("/login.html", ex -> page(HttpResponseStatus.OK, ""))
                .post("/login", this::submit);
    }

    private FullHttpResponse page(HttpResponseStatus status, String error) {
        String err = error.isEmpty() ? "" : "<p class=\"error\">" + error + "</p>";
        return Responses.html(status, "<!DOCTYPE html><html><head><title>" + title + " - Login</title></head><body>"
                + "<h1>" + title + "</h1>" + err
                + "<form method=\"post\" action=\"/login\">"
                + "<label>User name <input type=\"text\" name=\"username\"></label>"
                + "<label>Password <input type=\"password\" name=\"password\"></label>"
                + "<input type=\"submit\" value=\"Login\"></form></body></html>");
    }

    private FullHttpResponse submit(HttpExchange ex) {
        var params = ex.params();
        String user = params.getOrDefault("username", "");
        String password = params.getOrDefault("password", "");
        LoginGate.Outcome o = gate.attempt(ex.service(), ex.peer(), user, password);
        switch (o) {
            case OK -> {
                FullHttpResponse r = Responses.redirect(HttpResponseStatus.FOUND, landing);
                DefaultCookie c = new DefaultCookie(SessionStore.COOKIE, sessions.open(user));
                c.setHttpOnly(true);
                c.setPath("/");
                c.setSecure(ex.tls());
                r.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(c));
                return r;
            }
            case LOCKED -> {
                return Responses.locked(gate.lockout().retryAfterSeconds(ex.peer().getAddress()));
            }
            case UNKNOWN_USER -> {
                return page(HttpResponseStatus.OK, revealsUnknownUser ? "Unknown user name." : "Invalid user name or password.");
            }
            default -> {
                return page(HttpResponseStatus.OK, revealsUnknownUser ? "Wrong password." : "Invalid user name or password.");
            }
        }
    }
}
