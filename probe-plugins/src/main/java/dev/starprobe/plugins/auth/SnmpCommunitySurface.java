package dev.starprobe.plugins.auth;

import dev.starprobe.engine.UdpProbes;
import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.SnmpScalars;
import dev.starprobe.plugins.discovery.SnmpSystemGroup;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SNMP v1/v2c communities: a GET of the system group (sysDescr...) with a candidate community, in v2c and,
 * unless the agent has already answered v2c, in v1 too (agents that speak v1 only ignore v2c). An agent answers
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
    /** Once the agent answered v2c, a community it ignores in v2c is not asked again in v1. */
    private boolean speaksV2c;

    private SnmpCommunitySurface(CheckContext ctx, int port, boolean alive, boolean speaksV2c) {
        this.ctx = ctx;
        this.port = port;
        this.alive = alive;
        this.speaksV2c = speaksV2c;
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        java.util.Optional<Integer> answered = SnmpSystemGroup.publicReadVersion(svc);
        boolean v2c = answered.equals(java.util.Optional.of(SnmpScalars.V2C));
        // an agent that answered the port scan's v2c or v1 GET is alive; otherwise ask v3 engine discovery
        boolean alive = answered.isPresent() || answersV3Discovery(ctx, svc.port());
        return List.of(new SnmpCommunitySurface(ctx, svc.port(), alive, v2c));
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
        return "SNMP v1/v2c community on UDP port " + port;
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
        byte[] reply = exchange(ctx, port, SnmpSystemGroup.request(SnmpScalars.V2C, community, id));
        if (reply != null && SnmpSystemGroup.isResponseTo(reply, id)) {
            alive = true;
            speaksV2c = true;
            return new Observation("response", true, false, "a Response PDU to GET sysDescr.0 in v2c (" + reply.length + " bytes)");
        }
        if (!speaksV2c) {
            int v1Id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            byte[] v1 = exchange(ctx, port, SnmpSystemGroup.request(SnmpScalars.V1, community, v1Id));
            if (v1 != null && SnmpSystemGroup.isResponseTo(v1, v1Id)) {
                alive = true;
                return new Observation("response", true, false, "a Response PDU to GET sysDescr.0 in v1 (" + v1.length + " bytes)");
            }
            if (reply == null) reply = v1;
        }
        String versions = speaksV2c ? "" : " (v2c and v1)";
        return new Observation("no-answer", false, false, reply == null ? "no answer within " + ANSWER_WAIT.toMillis()
                + " ms" + versions : "an answer that is no Response to the request (" + reply.length + " bytes)");
    }

    /** One datagram out and the first one back, or null after {@link #ANSWER_WAIT} of silence. */
    private static byte[] exchange(CheckContext ctx, int port, byte[] datagram) throws IOException {
        try (SnmpUdp udp = SnmpUdp.open(ctx, port)) {
            return udp.ask(datagram, ANSWER_WAIT);
        }
    }
}
