package dev.starprobe.plugins.exposure;

import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.TranscriptRecorder;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether root can log in over SSH without a key, decided without trying a password: one "none"
 * authentication request for root (RFC 4252 §5.2) shows the methods the server offers.
 * <ul>
 *   <li>"none" succeeds: root is in with no credential at all: FAIL.</li>
 *   <li>neither "password" nor "keyboard-interactive" offered (publickey only): no password login for root
 *       (nor anyone): PASS.</li>
 *   <li>"password" or "keyboard-interactive" offered: INCONCLUSIVE. Servers list methods for every user
 *       alike: OpenSSH with PermitRootLogin no or prohibit-password and Dropbear with -g or -w keep offering
 *       "password" to root and refuse it only when one is tried, so the list alone cannot prove root may use
 *       it. Calling that a FAIL would fail every well-configured server that still lets its users type a
 *       password.</li>
 * </ul>
 * The SSH library owns its socket, so the destination is admitted by the scope guard and one slot of the
 * device's connection budget is held for the session; what was said is kept as a transcript of events.
 */
public final class SshRootLoginCheck extends BlockingCheck {
    public static final String ID = "exposure.ssh-root-login";
    static final String USER = "root";
    private static final Set<String> PASSWORD_METHODS = Set.of("password", "keyboard-interactive");
    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("root cannot log in over SSH without a key")
            .requirements("S1.1-01", "EN-5.5-4")
            .protocols("ssh")
            .safety(Safety.SAFE)
            .timeout(Duration.ofSeconds(30))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        int port = ctx.service().orElseThrow().port();
        InetSocketAddress server = new InetSocketAddress(ctx.device().address(), port);
        Duration io = ctx.options().ioTimeout();
        TranscriptRecorder log = ctx.net().recorder(server.getAddress().getHostAddress() + ":" + port);
        SshAuthMethods.Result r;
        try {
            ctx.net().admit(server);
            try (AutoCloseable slot = ctx.net().reserve().toCompletableFuture().get(io.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                r = askTwice(server, io, log);
            }
        } catch (NetworkException e) {
            throw e;
        } catch (Exception e) {
            log.event("failed: " + e);
            return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "no SSH authentication answer from port " + port
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
                    + "): the methods offered to root are unknown").traffic("SSH exchange up to the failure").build());
        }
        if (r.noneAccepted()) {
            return CheckOutcome.completed(ctx.finding(Verdict.FAIL, "root logged in over SSH on port " + port + " with the"
                            + " 'none' method, i.e. with no password or key at all (" + r.serverVersion() + "); the session was"
                            + " closed at once").severity(Severity.CRITICAL).traffic("none request for root and SUCCESS").build());
        }
        List<String> password = r.offered().stream().filter(PASSWORD_METHODS::contains).sorted().toList();
        if (r.offered().isEmpty()) {
            return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "the SSH server on port " + port + " offered root"
                    + " none of " + SshAuthMethods.KNOWN + ": how root logs in is unknown").traffic("none request for root").build());
        }
        if (password.isEmpty()) {
            return CheckOutcome.completed(ctx.finding(Verdict.PASS, "the SSH server on port " + port + " offers root only "
                    + r.offered() + ": no password or keyboard-interactive login exists for root (nor for any user)")
                    .traffic("none request for root and the methods offered").build());
        }
        return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "the SSH server on port " + port + " offers " + password
                        + " (of " + r.offered() + ") to root as to every user; whether root may log in with a password shows only"
                        + " when one is tried (OpenSSH PermitRootLogin no/prohibit-password and Dropbear -g/-w still offer it),"
                        + " and this SAFE check sends none").traffic("none request for root and the methods offered").build());
    }

    /**
     * An embedded SSH server busy with other sessions (or a probe's other checks) may drop or stall one
     * exchange: one more try before the methods are called unknown. A second answer never turns a refusal
     * into a FAIL, it only replaces a missing answer.
     */
    private static SshAuthMethods.Result askTwice(InetSocketAddress server, Duration io, TranscriptRecorder log) throws Exception {
        SshAuthMethods.Result first;
        try {
            first = SshAuthMethods.ask(server, USER, io, log);
            if (first.noneAccepted() || !first.offered().isEmpty()) return first;
        } catch (NetworkException e) {
            throw e;
        } catch (Exception e) {
            log.event("first attempt failed, trying once more: " + e);
        }
        Thread.sleep(500);
        return SshAuthMethods.ask(server, USER, io, log);
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
