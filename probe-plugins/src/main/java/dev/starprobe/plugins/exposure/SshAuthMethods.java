package dev.starprobe.plugins.exposure;

import dev.starprobe.spi.TranscriptRecorder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.AbstractUserAuth;
import org.apache.sshd.client.auth.AbstractUserAuthFactory;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks an SSH server which authentication methods it offers a user, without sending any credential: the
 * client's first SSH_MSG_USERAUTH_REQUEST uses the "none" method (RFC 4252 §5.2), and the server answers
 * with the methods that "can continue". The client's methods are stand-ins that only note the server
 * named them and send nothing, so no password, key or keyboard answer ever leaves. If the server answers
 * "none" with SUCCESS, the user got in with no credential at all; the session is closed at once.
 */
final class SshAuthMethods {
    /** Every method RFC 4252/4256/4462 and common servers name; the server's list is read through these. */
    static final List<String> KNOWN = List.of("publickey", "password", "keyboard-interactive", "hostbased", "gssapi-with-mic");

    static {
        // Bouncy Castle is on the class path for the TLS checks; sshd must not register it as a JVM-wide provider
        SecurityUtils.setAPrioriDisabledProvider(SecurityUtils.BOUNCY_CASTLE, true);
    }

    /** What the server said: its identification, whether "none" succeeded, and the methods it offered. */
    record Result(String serverVersion, boolean noneAccepted, Set<String> offered) {
    }

    private SshAuthMethods() {
    }

    static Result ask(InetSocketAddress server, String user, Duration timeout, TranscriptRecorder log) throws Exception {
        Set<String> offered = Collections.synchronizedSet(new LinkedHashSet<>());
        List<UserAuthFactory> recorders = new ArrayList<>();
        for (String m : KNOWN) recorders.add(new Recorder(m, offered));
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE); // the host key is not judged here
        client.setUserAuthFactories(recorders);
        client.start();
        try (ClientSession session = client.connect(user, server).verify(timeout).getSession()) {
            String version = session.getServerVersion();
            log.event("server identification: " + version);
            if (session.getServerKey() != null) {
                log.event("host key: " + KeyUtils.getFingerPrint(session.getServerKey()) + " (not judged by this check)");
            }
            log.event("SSH_MSG_USERAUTH_REQUEST user=" + user + " service=ssh-connection method=none (no credential)");
            AuthFuture auth = session.auth();
            boolean done = auth.await(timeout);
            boolean accepted = done && auth.isSuccess();
            log.event(accepted ? "SSH_MSG_USERAUTH_SUCCESS: logged in without any credential; session closed at once"
                    : "methods the server can continue with (of " + KNOWN + "): " + offered
                    + (done ? "" : " (no final answer within " + timeout.toMillis() + " ms)"));
            return new Result(version, accepted, Set.copyOf(offered));
        } finally {
            client.stop();
        }
    }

    /** A method that notes the server offered it and sends nothing (so the next one, or the end, follows). */
    private static final class Recorder extends AbstractUserAuthFactory {
        private final Set<String> offered;

        Recorder(String method, Set<String> offered) {
            super(method);
            this.offered = offered;
        }

        @Override
        public UserAuth createUserAuth(ClientSession session) {
            return new AbstractUserAuth(getName()) {
                @Override
                protected boolean sendAuthDataRequest(ClientSession s, String service) {
                    offered.add(getName());
                    return false;
                }

                @Override
                protected boolean processAuthDataRequest(ClientSession s, String service, Buffer buffer) {
                    return false;
                }
            };
        }
    }
}
