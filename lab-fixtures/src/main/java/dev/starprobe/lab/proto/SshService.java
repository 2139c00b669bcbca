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
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthService;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.ServiceFactory;
import org.apache.sshd.common.session.Session;
import java.util.concurrent.atomic.AtomicReference;

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
 * While a source is locked out its new connections are closed before the identification string, as
 * OpenSSH's per-source penalties or a fail2ban rule do.
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
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        // MINA answers "none" with the method list itself, before any factory: the blank account is let in ahead of that
        List<ServiceFactory> services = new ArrayList<>(SshServer.DEFAULT_SERVICE_FACTORIES);
        services.replaceAll(f -> f instanceof ServerUserAuthServiceFactory ? new BlankAccount("root", svc) : f);
        sshd.setServiceFactories(services);
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
        if (gate == null) return;
        sshd.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                InetSocketAddress peer = (InetSocketAddress) session.getIoSession().getRemoteAddress();
                if (gate.lockout().isLocked(peer.getAddress())) {
                    svc.log().record(dev.starprobe.lab.TrafficLog.Kind.CONNECTION, "ssh", PORT, peer, "refused: locked out", false);
                    session.getIoSession().close(true);
                }
            }
        });
    }

    private static void start(DeviceRuntime rt, SshServer sshd) throws IOException {
        sshd.start();
        rt.register(Transport.TCP, PORT, () -> sshd.stop(true));
    }

    /** User authentication where the "none" request of the one account without a password succeeds. */
    private static final class BlankAccount extends ServerUserAuthServiceFactory {
        private final String account;
        private final ServiceContext svc;

        BlankAccount(String account, ServiceContext svc) {
            this.account = account;
            this.svc = svc;
        }

        @Override
        public Service create(Session s) throws IOException {
            return new ServerUserAuthService(s) {
                @Override
                protected boolean handleUserAuthRequestMessage(ServerSession session, Buffer buffer, AtomicReference<Boolean> authed)
                        throws Exception {
                    int start = buffer.rpos();
                    String user = buffer.getString();
                    String service = buffer.getString();
                    String method = buffer.getString();
                    if ("none".equals(method) && account.equals(user) && !session.isAuthenticated()) {
                        svc.login((InetSocketAddress) session.getClientAddress(), user, true);
                        session.signalAuthenticationSuccess(user, service, buffer);
                        return false;
                    }
                    buffer.rpos(start);
                    return super.handleUserAuthRequestMessage(session, buffer, authed);
                }
            };
        }
    }
}
