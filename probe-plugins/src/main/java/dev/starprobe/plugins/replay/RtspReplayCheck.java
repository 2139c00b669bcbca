package dev.starprobe.plugins.replay;

import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.auth.AuthFacts;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.time.Duration;

/**
 * replay.rtsp: where DESCRIBE needs a login, a legitimate DESCRIBE (Basic, or Digest with nonce count 1)
 * replayed byte for byte ({@link NativeReplay}). INTRUSIVE for the same reason as replay.http's native test:
 * no state changes, but refused logins a lockout counts.
 */
public final class RtspReplayCheck extends BlockingCheck {
    public static final String ID = "replay.rtsp";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder(ID)
            .title("A replayed authenticated RTSP request (the same Digest nonce and count) is refused")
            .requirements(ReplayCheck.REQUIREMENTS).safety(Safety.INTRUSIVE).protocols("rtsp")
            .consumes(AuthFacts.ACCEPTED_LOGIN).logsIn().timeout(Duration.ofSeconds(60)).build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) {
        Service svc = ctx.service().orElseThrow();
        NativeLink link = new NativeLink(ctx, svc.port(), svc.tls());
        try {
            return CheckOutcome.completed(NativeReplay.run(ctx, svc, NativeSurfaces.rtsp(link)));
        } catch (IOException e) {
            return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "could not send DESCRIBE to " + svc.ref() + ": "
                    + e.getMessage()).traffic("the unauthenticated DESCRIBE").build());
        }
    }
}
