package dev.starprobe.lab.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The accounts of a device: user name to password. */
public final class CredentialStore {
    private final Map<String, String> accounts = new LinkedHashMap<>();

    public CredentialStore(List<Credentials> credentials) {
        for (Credentials c : credentials) accounts.put(c.user(), c.password());
    }

    public static CredentialStore of(Credentials... credentials) {
        return new CredentialStore(List.of(credentials));
    }

    /** The stored password, or null when the user does not exist. */
    public synchronized String password(String user) {
        return user == null ? null : accounts.get(user);
    }

    public synchronized boolean knows(String user) {
        return user != null && accounts.containsKey(user);
    }

    public synchronized boolean matches(String user, String password) {
        String stored = password(user);
        return stored != null && stored.equals(password);
    }
}
