package dev.starprobe.plugins.replay;

import java.util.Set;

/** replay.http: the app's HTTP commands (not reads) replayed; a Digest Authorization replayed verbatim tests nonce reuse. */
public final class HttpReplayCheck extends ReplayCheck {
    public static final String ID = "replay.http";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    public HttpReplayCheck() {
        super(ID, "Replayed HTTP commands of the companion app are refused", Proto.HTTP, new HttpReplayer());
    }

    @Override
    boolean isCommand(ReplayRequest r) {
        return r.message() instanceof ReplayRequest.Http h && !READS.contains(h.request().method());
    }
}
