package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.model.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.AbstractUserAuth;
import org.apache.sshd.server.auth.AbstractUserAuthFactory;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * An SSH server on Apache MINA sshd. What it lets in is one of three policies real devices ship with:
 * <ul>
 *   <li>{@link #bind}: passwords through the device's login gate (so its lockout applies), users in
 *       {@code denied} (e.g. root) always refused, public keys refused; "password" is offered to every
 *       user, as OpenSSH with PermitRootLogin no and Dropbear -w do;</li>
 *   <li>{@link #bindKeysOnly}: public keys only (one per-unit maintenance key), no password method at all;</li>
 *   <li>{@link #bindBlankRoot}: a root account whose password was never set, which the "none" method lets
 *       in (Dropbear -B on a freshly flashed router); every other user through the gate.</li>
 * </ul>
 * The identification string is configurable (e.g. a Dropbear banner). Bouncy Castle is kept out of sshd's
 * provider registration so no JCA provider is added to the JVM.
 */
public final class SshService {
    public static final int PORT = 22;

    static {
        SecurityUtils.setAPrioriDisabledProvider(SecurityUtils.BOUNCY_CASTLE, true);
    }

    private SshService() {}

    /** @param gate null: every password is refused (a host the lab has no account on) */
    public static void bind(DeviceRuntime rt, String softwareVersion, LoginGate gate, Set<String> denied) throws IOException {
        ServiceContext svc = new ServiceContext("ssh", PORT, rt.log());
        SshServer sshd = server(rt, softwareVersion);
        sshd.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
        passwords(sshd, svc, gate, denied);
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        start(rt, sshd);
    }

    /** Public-key login only, for the holder of {@code authorized}: no password or keyboard-interactive method. */
    public static void bindKeysOnly(DeviceRuntime rt, String softwareVersion, PublicKey authorized) throws IOException {
        ServiceContext svc = new ServiceContext("ssh", PORT, rt.log());
        SshServer sshd = server(rt, softwareVersion);
        sshd.setPublickeyAuthenticator((user, key, session) -> {
            boolean ok = KeyUtils.compareKeys(authorized, key);
            svc.login((InetSocketAddress) session.getClientAddress(), user, ok);
            return ok;
        });
        sshd.setPasswordAuthenticator(null);
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        start(rt, sshd);
    }

    /** Root has no password: the "none" request lets it in. Other users log in with a password through {@code gate}. */
    public static void bindBlankRoot(DeviceRuntime rt, String softwareVersion, LoginGate gate) throws IOException {
        ServiceContext svc = new ServiceContext("ssh", PORT, rt.log());
        SshServer sshd = server(rt, softwareVersion);
        sshd.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
        passwords(sshd, svc, gate, Set.of());
        List<UserAuthFactory> methods = new ArrayList<>();
        methods.add(new BlankPasswordUser("root", svc));
        methods.add(UserAuthPublicKeyFactory.INSTANCE);
        methods.add(UserAuthPasswordFactory.INSTANCE);
        sshd.setUserAuthFactories(methods);
        start(rt, sshd);
    }

    private static SshServer server(DeviceRuntime rt, String softwareVersion) {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(rt.address().getHostAddress());
        sshd.setPort(PORT);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, softwareVersion);
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, 6);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(sshd, java.time.Duration.ofSeconds(60));
        sshd.setKeyPairProvider(KeyPairProvider.wrap(List.of(LabPki.uniqueKeyPair(LabPki.KeyKind.EC_P256))));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                rt.log().record(dev.starprobe.lab.TrafficLog.Kind.CONNECTION, "ssh", PORT,
                        (InetSocketAddress) session.getIoSession().getRemoteAddress(), "", true);
            }
        });
        return sshd;
    }

    private static void passwords(SshServer sshd, ServiceContext svc, LoginGate gate, Set<String> denied) {
        sshd.setPasswordAuthenticator((user, password, session) -> {
            InetSocketAddress peer = (InetSocketAddress) session.getClientAddress();
            if (gate == null || denied.contains(user)) {
                svc.login(peer, user, false);
                return false;
            }
            return gate.attempt(svc, peer, user, password).ok();
        });
    }

    private static void start(DeviceRuntime rt, SshServer sshd) throws IOException {
        sshd.start();
        rt.register(Transport.TCP, PORT, () -> sshd.stop(true));
    }

    /** The "none" method: succeeds for the one account without a password, fails for every other. */
    private static final class BlankPasswordUser extends AbstractUserAuthFactory {
        private final String account;
        private final ServiceContext svc;

        BlankPasswordUser(String account, ServiceContext svc) {
            super("none");
            this.account = account;
            this.svc = svc;
        }

        @Override
        public UserAuth createUserAuth(ServerSession session) {
            return new AbstractUserAuth("none") {
                @Override
                protected Boolean doAuth(Buffer buffer, boolean init) {
                    boolean ok = account.equals(getUsername());
                    if (ok) svc.login((InetSocketAddress) getServerSession().getClientAddress(), getUsername(), true);
                    return ok;
                }
            };
        }
    }
}
