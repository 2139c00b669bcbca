package dev.starprobe.lab.http;

import dev.starprobe.lab.auth.Credentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Session cookies issued by a form login. */
public final class SessionStore {
    public static final String COOKIE = "SESSIONID";
    private static final int MAX = 10_000;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    public String open(String user) {
        if (sessions.size() > MAX) sessions.clear();
        String id = Credentials.randomSecret(32);
        sessions.put(id, user);
        return id;
    }

    /** The user of the exchange's session cookie, or null. */
    public String user(HttpExchange ex) {
        String id = ex.cookie(COOKIE);
        return id == null ? null : sessions.get(id);
    }
}
