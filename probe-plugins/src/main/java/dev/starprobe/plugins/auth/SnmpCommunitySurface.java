package dev.starprobe.plugins.auth;

import dev.starprobe.engine.UdpProbes;
import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.SnmpSystemGroup;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SNMP v2c communities: a GET of the system group (sysDescr...) with a candidate community. An agent answers
 * a community it accepts with a Response PDU and drops any other in silence, so "accepted" is a Response to
 * our request id and "refused" is no answer within {@link #ANSWER_WAIT}. Silence is only a refusal when the
 * agent is known to be alive: an SNMPv3 engine-discovery request (no credential) answered with a Report, or
 * an answer seen during this test; otherwise a PASS would rest on a dead agent, and the surface says so.
 *
 * <p>The candidates are the data file's {@code @snmp} entries only (the community is the password; the user
 * column is not sent). There is no lockout signal in SNMP v1/v2c: a lockout can only show through a supplied
 * valid community ({@code --credential snmp=community:SECRET}) that stops being answered.
 */
final class SnmpCommunitySurface implements LoginSurface {
    static final Duration ANSWER_WAIT = Duration.ofMillis(1500);
    private static final String V3_DISCOVERY = "snmp-v3-engine-discovery";

    private final CheckContext ctx;
    private final int port;
    private boolean alive;

    private SnmpCommunitySurface(CheckContext ctx, int port, boolean alive) {
        this.ctx = ctx;
        this.port = port;
        this.alive = alive;
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        return List.of(new SnmpCommunitySurface(ctx, svc.port(), answersV3Discovery(ctx, svc.port())));
    }

    /**
     * Whether the agent on {@code port} answers an SNMPv3 engine-discovery request (no credential) with a
     * Report: proof that it is alive when it stays silent to every v1/v2c community.
     */
    static boolean answersV3Discovery(CheckContext ctx, int port) throws IOException {
        UdpProbes.Probe probe = UdpProbes.builtIn().byName(V3_DISCOVERY)
                .orElseThrow(() -> new IllegalStateException("no UDP probe named " + V3_DISCOVERY));
        byte[] reply = exchange(ctx, port, probe.payload());
        return reply != null && probe.accepts(reply);
    }

    @Override
    public String describe() {
        return "SNMP v2c community on UDP port " + port;
    }

    @Override
    public String kind() {
        return "snmp";
    }

    @Override
    public boolean takesUserPasswordPairs() {
        return false;
    }

    @Override
    public boolean lockoutVisibleWithoutCredential() {
        return false;
    }

    @Override
    public String refusalDoubt() {
        return alive ? null : "the agent answered nothing during this test (not even SNMPv3 engine discovery), so"
                + " silence to the communities cannot be told from an agent that stopped answering";
    }

    @Override
    public Observation attempt(String user, String community) throws IOException {
        int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        byte[] reply = exchange(ctx, port, SnmpSystemGroup.request(community, id));
        if (reply != null && SnmpSystemGroup.isResponseTo(reply, id)) {
            alive = true;
            return new Observation("response", true, false, "a Response PDU to GET sysDescr.0 (" + reply.length + " bytes)");
        }
        return new Observation("no-answer", false, false, reply == null ? "no answer within " + ANSWER_WAIT.toMillis()
                + " ms" : "an answer that is no Response to the request (" + reply.length + " bytes)");
    }

    /** One datagram out and the first one back, or null after {@link #ANSWER_WAIT} of silence. */
    private static byte[] exchange(CheckContext ctx, int port, byte[] datagram) throws IOException {
        try (SnmpUdp udp = SnmpUdp.open(ctx, port)) {
            return udp.ask(datagram, ANSWER_WAIT);
        }
    }
}
