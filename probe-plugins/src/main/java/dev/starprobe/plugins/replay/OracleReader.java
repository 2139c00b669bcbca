package dev.starprobe.plugins.replay;

import dev.starprobe.spi.CheckContext;

import java.io.IOException;

/**
 * Reads the state oracle around each replay. Its answer is first read twice with nothing sent in between:
 * an oracle whose answer changes by itself (a clock, a counter of its own) cannot show an effect.
 */
final class OracleReader {
    private final CheckContext ctx;
    private final ReplayRequest request;
    private Boolean stable;

    OracleReader(CheckContext ctx, ReplayRequest request) {
        this.ctx = ctx;
        this.request = request;
    }

    String read() throws IOException {
        if (stable == null) {
            String a = observe();
            stable = a.equals(observe());
            return a;
        }
        return observe();
    }

    private String observe() throws IOException {
        ReplayRequest.Oracle o = request.oracle();
        if (o instanceof ReplayRequest.HttpOracle h) return HttpReplayer.observe(ctx, h);
        if (o instanceof ReplayRequest.MqttOracle m) return MqttReplayer.observe(ctx, request, m);
        return CoapReplayer.observe(ctx, request, (ReplayRequest.CoapOracle) o);
    }

    /** The oracle decides whether the command took effect; the answer decides only what the oracle leaves open. */
    Decision decide(Decision fromAnswer, String before, String after) {
        String shown = " (oracle before: " + clip(before) + ", after: " + clip(after) + ")";
        if (!stable) return new Decision(fromAnswer.outcome(), fromAnswer.why() + "; the oracle is unusable: it changed with nothing sent");
        if (!before.equals(after)) return Decision.accepted("the oracle shows the command took effect" + shown);
        if (request.oracle().expectChange()) return Decision.rejected("the oracle shows no effect" + shown);
        return new Decision(fromAnswer.outcome(), fromAnswer.why() + "; oracle unchanged" + shown);
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
