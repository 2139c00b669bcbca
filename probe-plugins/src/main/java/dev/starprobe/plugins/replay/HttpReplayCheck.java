package dev.starprobe.plugins.replay;

import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.auth.AuthFacts;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * replay.http: the app's HTTP commands (not reads) replayed, from a capture or template (a Digest
 * Authorization replayed verbatim tests nonce reuse); and on every HTTP service, without any capture, a
 * legitimate authenticated read (Basic, Digest, ONVIF UsernameToken) replayed byte for byte
 * ({@link NativeReplay}). INTRUSIVE: a replayed command executes again; the native test changes no state
 * but makes refused logins (a wrong-password baseline, the refused replays) that a lockout counts, so it
 * runs alone among the device's checks that log in.
 */
public final class HttpReplayCheck extends ReplayCheck {
    public static final String ID = "replay.http";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> WEB = Set.of("http", "https");

    public HttpReplayCheck() {
        super(ID, "Replayed HTTP requests (the companion app's commands, authenticated reads) are refused", Proto.HTTP,
                new HttpReplayer(), b -> b.consumes(AuthFacts.ACCEPTED_LOGIN).logsIn());
    }

    @Override
    boolean isCommand(ReplayRequest r) {
        return r.message() instanceof ReplayRequest.Http h && !READS.contains(h.request().method());
    }

    @Override
    List<Finding> nativeFindings(CheckContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Service svc : ctx.services()) {
            if (svc.protocol() == null || !WEB.contains(svc.protocol())) continue;
            NativeLink link = new NativeLink(ctx, svc.port(), svc.tls() || "https".equals(svc.protocol()));
            try {
                out.add(NativeReplay.run(ctx, svc, NativeSurfaces.http(link)));
            } catch (IOException e) {
                out.add(ctx.finding(Verdict.INCONCLUSIVE, "could not look for a login sent with every request on " + svc.ref()
                        + ": " + e.getMessage()).service(svc.ref()).traffic("the unauthenticated requests").build());
            }
        }
        return out;
    }
}
