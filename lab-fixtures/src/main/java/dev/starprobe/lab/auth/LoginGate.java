package dev.starprobe.lab.auth;

import dev.starprobe.lab.net.ServiceContext;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

/**
 * The one place where a device decides a login, on any interface: it consults the lockout, checks the
 * credentials, and records the attempt in the traffic log of the service it came through.
 */
public final class LoginGate {
    public enum Outcome {
        OK, UNKNOWN_USER, BAD_PASSWORD, LOCKED;

        public boolean ok() {
            return this == OK;
        }
    }

    private final CredentialStore store;
    private final LockoutPolicy lockout;
    private final HashCost hashCost;

    public LoginGate(CredentialStore store, LockoutPolicy lockout) {
        this(store, lockout, HashCost.none());
    }

    /** @param hashCost the time spent verifying a password (and whether unknown users get it too) */
    public LoginGate(CredentialStore store, LockoutPolicy lockout, HashCost hashCost) {
        this.store = store;
        this.lockout = lockout;
        this.hashCost = hashCost;
    }

    public CredentialStore store() {
        return store;
    }

    public LockoutPolicy lockout() {
        return lockout;
    }

    public Outcome attempt(ServiceContext svc, InetSocketAddress peer, String user, String password) {
        return attempt(svc, peer, user, stored -> stored.equals(password));
    }

    /** A login whose proof is checked against the stored password by {@code proof} (Digest, WS-Security). */
    public Outcome attempt(ServiceContext svc, InetSocketAddress peer, String user, Predicate<String> proof) {
        Outcome o;
        if (lockout.isLocked(peer.getAddress())) {
            o = Outcome.LOCKED;
        } else {
            String stored = store.password(user);
            hashCost.spend(stored != null);
            if (stored == null) {
                o = Outcome.UNKNOWN_USER;
            } else {
                o = proof.test(stored) ? Outcome.OK : Outcome.BAD_PASSWORD;
            }
            if (o.ok()) {
                lockout.success(peer.getAddress());
            } else {
                lockout.failure(peer.getAddress());
            }
        }
        svc.login(peer, user, o.ok());
        return o;
    }
}
