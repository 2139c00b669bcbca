package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.model.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;

/**
 * An SSH server on Apache MINA sshd: password authentication through the device's login gate (so the
 * device's lockout applies), users in {@code denied} (e.g. root) always refused, public keys refused. While a
 * source is locked out its new connections are closed before the identification string, as OpenSSH's
 * per-source penalties or a fail2ban rule do.
 * The identification string is configurable (e.g. an Ubuntu OpenSSH banner). Bouncy Castle is kept out
 * of sshd's provider registration so no JCA provider is added to the JVM.
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
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(rt.address().getHostAddress());
        sshd.setPort(PORT);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, softwareVersion);
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, 6);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(sshd, java.time.Duration.ofSeconds(60));
        sshd.setKeyPairProvider(KeyPairProvider.wrap(List.of(LabPki.uniqueKeyPair(LabPki.KeyKind.EC_P256))));
        sshd.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPasswordAuthenticator((user, password, session) -> {
            InetSocketAddress peer = (InetSocketAddress) session.getClientAddress();
            if (gate == null || denied.contains(user)) {
                svc.login(peer, user, false);
                return false;
            }
            return gate.attempt(svc, peer, user, password).ok();
        });
        sshd.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                InetSocketAddress peer = (InetSocketAddress) session.getIoSession().getRemoteAddress();
                boolean locked = gate != null && gate.lockout().isLocked(peer.getAddress());
                rt.log().record(dev.starprobe.lab.TrafficLog.Kind.CONNECTION, "ssh", PORT, peer, locked ? "refused: locked out" : "", !locked);
                if (locked) session.getIoSession().close(true);
            }
        });
        sshd.start();
        rt.register(Transport.TCP, PORT, () -> sshd.stop(true));
    }
}
