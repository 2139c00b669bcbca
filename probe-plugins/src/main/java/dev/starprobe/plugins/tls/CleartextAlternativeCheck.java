package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.dtls.DtlsEndpoints;
import dev.starprobe.plugins.http.DeviceHttp;
import dev.starprobe.plugins.mqtt.MqttPackets;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.DatagramSession;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Is the protected service also reachable without protection? Plain HTTP that serves instead of
 * redirecting to HTTPS, plain MQTT (1883) beside MQTT over TLS (8883), plain CoAP (5683/udp)
 * beside CoAP over DTLS. Each alternative is shown by an exchange (HTTP answer, MQTT CONNACK, CoAP
 * answer), not by an open port. Device-level: it compares the device's services with each other.
 */
public final class CleartextAlternativeCheck extends BlockingCheck {
    static final int MQTTS = 8883;
    static final int MQTT = 1883;
    static final int COAP = 5683;
    /** An empty confirmable CoAP message: any CoAP server answers it (RST), nothing changes. */
    private static final byte[] COAP_PING = {0x40, 0x00, 0x53, 0x51};
    private static final Duration WAIT = Duration.ofSeconds(2);

    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.alternative")
            .title("No cleartext alternative beside a TLS/DTLS service")
            .requirements("S1.1-12", "EN-5.5-1", "EN-5.5-7")
            .deviceLevel()
            .consumes(DtlsEndpoints.KEY)
            .timeout(Duration.ofSeconds(60))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        TlsPolicy policy;
        try {
            policy = TlsPolicy.forOptions(ctx.options());
        } catch (TlsPolicy.PolicyException e) {
            return CheckOutcome.failed(NetworkFailure.OTHER, e.getMessage());
        }
        List<Service> tls = ctx.services().stream().filter(s -> s.transport() == Transport.TCP && s.tls()).toList();
        boolean https = tls.stream().anyMatch(s -> "https".equals(s.protocol()));
        boolean mqtts = tls.stream().anyMatch(s -> s.port() == MQTTS);
        boolean dtls = ctx.facts().device(DtlsEndpoints.KEY).map(e -> !e.endpoints().isEmpty()).orElse(false)
                || ctx.services().stream().anyMatch(s -> s.transport() == Transport.UDP && s.tls());
        if (!https && !mqtts && !dtls) {
            return CheckOutcome.notApplicable("no HTTPS, MQTT-over-TLS (8883) or DTLS service: no protected service to have a cleartext alternative to");
        }
        List<Observation> obs = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (https) http(ctx, obs, fine, unknown);
        if (mqtts) mqtt(ctx, obs, fine, unknown);
        if (dtls) coap(ctx, obs, fine, unknown);
        List<EvidenceRef> ev = Findings.traffic(ctx, "exchanges with the cleartext services");
        List<Finding> out = new ArrayList<>(Findings.fromHits(ctx, policy, policy.evaluate(obs), "this device", ev));
        if (!unknown.isEmpty() && !Findings.decided(out)) {
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, "could not tell: " + String.join("; ", unknown), ev));
        }
        if (!Findings.decided(out)) out.add(Findings.of(ctx, Verdict.PASS, String.join("; ", fine), ev));
        return CheckOutcome.completed(out);
    }

    /** Every plain HTTP service must only redirect to HTTPS. */
    private static void http(CheckContext ctx, List<Observation> obs, List<String> fine, List<String> unknown) {
        List<Service> plain = ctx.services().stream().filter(s -> s.transport() == Transport.TCP && !s.tls()
                && "http".equals(s.protocol())).toList();
        if (plain.isEmpty()) {
            fine.add("HTTPS has no plain HTTP sibling");
            return;
        }
        DeviceHttp http = new DeviceHttp(ctx);
        for (Service s : plain) {
            try {
                DeviceHttp.Result r = http.get(s.port(), "/");
                String location = r.header("location");
                if (r.status() / 100 == 3 && location != null && location.toLowerCase(Locale.ROOT).startsWith("https://")) {
                    fine.add("http on " + s.port() + " redirects to HTTPS (" + location + ")");
                } else {
                    obs.add(Observation.of("cleartext", "HTTP " + r.status() + " on port " + s.port()
                                    + (location == null ? " (no redirect to HTTPS)" : " (redirect to " + location + ")"))
                            .with("kind", "http").with("port", s.port()).with("beside", "https").build());
                }
            } catch (Exception e) {
                unknown.add("HTTP on port " + s.port() + ": " + e.getMessage());
            }
        }
    }

    /** MQTT on 1883 beside MQTT over TLS on 8883: a CONNACK proves the broker talks in cleartext. */
    private static void mqtt(CheckContext ctx, List<Observation> obs, List<String> fine, List<String> unknown) throws Exception {
        boolean listed = ctx.services().stream().anyMatch(s -> s.transport() == Transport.TCP && !s.tls()
                && (s.port() == MQTT || "mqtt".equals(s.protocol())));
        if (!listed) {
            fine.add("MQTT over TLS on " + MQTTS + " without plain MQTT on " + MQTT);
            return;
        }
        int port = ctx.services().stream().filter(s -> s.transport() == Transport.TCP && !s.tls()
                && "mqtt".equals(s.protocol())).mapToInt(Service::port).findFirst().orElse(MQTT);
        try {
            Session s = Await.of(ctx.net().tcp(port));
            try {
                Await.of(s.write(MqttPackets.connect("starprobe-alt")));
                byte[] b = Await.of(s.read(64, WAIT));
                int code = MqttPackets.connackCode(b);
                if (code >= 0) {
                    Await.of(s.write(MqttPackets.disconnect()));
                    obs.add(Observation.of("cleartext", "MQTT on port " + port + " answered CONNACK (" + MqttPackets.describe(code) + ")")
                            .with("kind", "mqtt").with("port", port).with("beside", "mqtts").build());
                } else {
                    fine.add("port " + port + " does not answer MQTT");
                }
            } finally {
                s.close();
            }
        } catch (NetworkException e) {
            if (e.failure() == NetworkFailure.REFUSED) fine.add("nothing listens on " + port);
            else unknown.add("MQTT on port " + port + ": " + e.getMessage());
        }
    }

    /** CoAP on 5683/udp beside CoAP over DTLS: any CoAP answer to a ping shows it. */
    private static void coap(CheckContext ctx, List<Observation> obs, List<String> fine, List<String> unknown) throws Exception {
        try {
            DatagramSession s = Await.of(ctx.net().udp(COAP));
            try {
                byte[] reply = null;
                for (int i = 0; i < 2 && reply == null; i++) { // a first datagram to a sleeping stack is often lost
                    Await.of(s.send(COAP_PING));
                    try {
                        reply = Await.of(s.receive(WAIT));
                    } catch (NetworkException e) {
                        if (e.failure() != NetworkFailure.IO_TIMEOUT) throw e;
                    }
                }
                if (reply != null && reply.length >= 4 && (reply[0] & 0xc0) == 0x40) {
                    obs.add(Observation.of("cleartext", "CoAP on port " + COAP + "/udp answered a ping (type "
                                    + ((reply[0] >> 4) & 3) + ", code " + (reply[1] & 0xff) + ")")
                            .with("kind", "coap").with("port", COAP).with("beside", "coaps").build());
                } else if (reply == null) {
                    fine.add("no CoAP answer on " + COAP + "/udp beside DTLS (silence: closed or filtered)");
                } else {
                    fine.add(COAP + "/udp answered, but not CoAP");
                }
            } finally {
                s.close();
            }
        } catch (NetworkException e) {
            if (e.failure() == NetworkFailure.REFUSED) fine.add("CoAP port " + COAP + "/udp is closed (ICMP port unreachable)");
            else unknown.add("CoAP on " + COAP + "/udp: " + e.getMessage());
        }
    }
}
