package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.TranscriptRecorder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * SSH password authentication with Apache MINA sshd's client, one connection per attempt; success is an
 * authenticated session. sshd owns its (NIO2) transport, so each attempt is admitted by the engine's scope
 * guard and holds a slot of the device's connection budget ({@code Network.admit}/{@code reserve}), and its
 * steps are written to a transcript. Only the password method is offered: no key of the machine running the
 * probe, no known_hosts or ssh_config, and the host key is not judged (not this check's job).
 *
 * <p>A connection the server closes before its identification string, after it identified itself to service
 * identification, is a lockout sign (OpenSSH's per-source penalties, fail2ban); a refused password is not
 * (PAM faillock refuses a locked-out account exactly like a wrong password).
 */
final class SshPasswordSurface implements LoginSurface {
    static {
        // no JCA provider is registered JVM-wide on the probe's behalf (the lab's sshd server does the same)
        SecurityUtils.setAPrioriDisabledProvider(SecurityUtils.BOUNCY_CASTLE, true);
    }

    private final CheckContext ctx;
    private final int port;
    private final String serverId;

    private SshPasswordSurface(CheckContext ctx, int port, String serverId) {
        this.ctx = ctx;
        this.port = port;
        this.serverId = serverId;
    }

    /**
     * Every service identification named ssh; its identification string (the banner) describes the surface.
     * Nothing is sent here: a server that closes on a locked-out source now still is the SSH server it was.
     */
    static List<LoginSurface> find(CheckContext ctx, Service svc) {
        String id = svc.banner() == null ? "" : svc.banner().split("\\\\r|\\\\n|\\s")[0]; // the banner as stored, escapes included
        return List.of(new SshPasswordSurface(ctx, svc.port(), id.isEmpty() ? "identification not recorded" : id));
    }

    @Override
    public String describe() {
        return "SSH password authentication on port " + port + " (" + Surfaces.printable(serverId) + ")";
    }

    @Override
    public String kind() {
        return "ssh";
    }

    @Override
    public boolean lockoutVisibleWithoutCredential() {
        return false;
    }

    @Override
    public Observation attempt(String user, String password) throws IOException {
        InetSocketAddress to = new InetSocketAddress(ctx.device().address(), port);
        try {
            ctx.net().admit(to);
        } catch (NetworkException e) {
            throw new IOException(e.getMessage(), e);
        }
        Duration io = ctx.options().ioTimeout();
        TranscriptRecorder t = ctx.net().recorder(to.getAddress().getHostAddress() + ":" + port + " (ssh, reconstructed)");
        try (AutoCloseable slot = ctx.net().reserve().toCompletableFuture().join(); SshClient client = client()) {
            client.start();
            t.event("connect; password authentication for user '" + user + "' (password not recorded)");
            ClientSession connected;
            try {
                connected = client.connect(user, to).verify(io).getSession();
            } catch (IOException e) {
                if (!closedByServer(e)) throw e;
                t.event("closed by the server before the SSH session was set up: " + e.getMessage());
                return new Observation("closed", false, true, "the server accepted the connection and closed it before"
                        + " the SSH session was set up (it refuses this source)");
            }
            try (ClientSession session = connected) {
                // an empty password is a real default on some units; addPasswordIdentity refuses it, a provider does not
                session.setPasswordIdentityProvider(PasswordIdentityProvider.wrapPasswords(password));
                AuthFuture auth = session.auth();
                boolean done = auth.await(io);
                String server = session.getServerVersion();
                if (server == null) {
                    t.event("closed by the server before its identification");
                    return new Observation("closed", false, true, "the server closed the connection before its SSH"
                            + " identification (it refuses this source)");
                }
                boolean ok = done && auth.isSuccess() && session.isAuthenticated();
                t.event("server " + server + "; authentication " + (ok ? "succeeded" : done ? "refused" : "unanswered"));
                return new Observation(ok ? "authenticated" : "refused", ok, false, (ok ? "authenticated session" : done
                        ? "password refused" : "no answer to the password within " + io.toSeconds() + " s") + " (" + server + ")");
            }
        } catch (CompletionException e) {
            throw new IOException("no connection slot: " + e.getCause(), e.getCause());
        } catch (IOException e) {
            t.event("failed: " + e);
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Whether a failed connect was the server closing or resetting an accepted connection (a unit that
     * drops a source after failed logins does that) rather than no connection at all (refused, timed out).
     */
    static boolean closedByServer(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.net.SocketTimeoutException) return false;
            if (c instanceof org.apache.sshd.common.session.helpers.MissingAttachedSessionException
                    || c instanceof java.io.EOFException || c instanceof java.nio.channels.ClosedChannelException) return true;
            String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("connection reset") || m.contains("broken pipe")) return true;
        }
        return false;
    }

    private static SshClient client() {
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        c.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        c.setNioWorkers(1);
        return c;
    }
}
