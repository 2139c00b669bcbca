package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.wire.CoapWire;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CoAP requests sent again as new exchanges: a fresh message ID and token, options and payload as
 * captured. (Resending the same message ID would only test the server's deduplication, which correctly
 * answers from its cache without executing again: that is no acceptance.)
 */
final class CoapReplayer implements Replayer {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public List<Freshness.Field> fields(ReplayRequest.Message m) {
        return Freshness.inBody(((ReplayRequest.Coap) m).request().text());
    }

    @Override
    public ReplayRequest.Message alter(ReplayRequest.Message m, Map<Freshness.Field, String> changes) {
        CoapWire.Message c = ((ReplayRequest.Coap) m).request();
        return new ReplayRequest.Coap(c.with(c.type(), c.messageId(), c.token(),
                Freshness.apply(c.text(), changes).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Decision send(CheckContext ctx, ReplayRequest r, ReplayRequest.Message m) throws IOException {
        CoapWire.Message c = ((ReplayRequest.Coap) m).request();
        CoapWire.Message answer = exchange(ctx, r, c.with(c.type() == CoapWire.NON ? CoapWire.NON : CoapWire.CON,
                RANDOM.nextInt(65536), token(c.token().length), c.payload()));
        return Judge.coap((ReplayRequest.CoapAnswer) r.original(), answer == null ? null : answer.codeText(),
                answer == null ? "" : answer.text());
    }

    /** GET of a state resource: "CODE payload". */
    static String observe(CheckContext ctx, ReplayRequest r, ReplayRequest.CoapOracle o) throws IOException {
        CoapWire.Message answer = exchange(ctx, r, CoapWire.get(o.path(), RANDOM.nextInt(65536), token(4)));
        return answer == null ? "(no response)" : answer.codeText() + " " + answer.text();
    }

    private static byte[] token(int length) {
        byte[] t = new byte[Math.max(length, 4)];
        RANDOM.nextBytes(t);
        return t;
    }

    /** The response to {@code req} (piggybacked or separate), or null within the I/O timeout. */
    private static CoapWire.Message exchange(CheckContext ctx, ReplayRequest r, CoapWire.Message req) throws IOException {
        Duration timeout = ctx.options().ioTimeout();
        try (DatagramLink link = r.secure() ? DatagramLink.dtls(ctx, r.port(), r.credential()) : DatagramLink.plain(ctx, r.port())) {
            link.send(CoapWire.encode(req));
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                byte[] d = link.receive(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
                if (d == null) return null;
                CoapWire.Message m = CoapWire.parse(d);
                if (m == null) continue;
                if (m.type() == CoapWire.CON && m.response()) { // a separate response wants an ACK
                    link.send(CoapWire.encode(new CoapWire.Message(CoapWire.ACK, 0, m.messageId(), new byte[0], List.of(), new byte[0])));
                }
                if (m.response() && Arrays.equals(m.token(), req.token())) return m;
            }
            return null;
        }
    }
}
