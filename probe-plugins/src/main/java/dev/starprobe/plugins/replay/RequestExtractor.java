package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.capture.Capture;
import dev.starprobe.plugins.replay.capture.Conversation;
import dev.starprobe.plugins.replay.capture.Datagram;
import dev.starprobe.plugins.replay.capture.Stream;
import dev.starprobe.plugins.replay.wire.CoapWire;
import dev.starprobe.plugins.replay.wire.HttpWire;
import dev.starprobe.plugins.replay.wire.MqttWire;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the application requests of a capture: HTTP and RTSP requests with the responses they got, MQTT
 * PUBLISHes with the session that sent them and the messages the app received right after, CoAP
 * requests with their responses, TLS and DTLS connections (encrypted: listed, not replayable), and the
 * first payload of any other TCP connection or UDP flow.
 */
public final class RequestExtractor {
    /** how long after a command an MQTT message still counts as its answer */
    static final long MQTT_ANSWER_MICROS = 3_000_000;
    /** how long after a CoAP request its response may come */
    static final long COAP_ANSWER_MICROS = 10_000_000;
    static final int RAW_CAP = 4096;

    private final ReplayRequest.Origin origin;
    private final List<Draft> drafts = new ArrayList<>();

    private record Draft(long micros, ReplayRequest request) {
    }

    private RequestExtractor(Capture capture) {
        this.origin = new ReplayRequest.Origin(capture.file(), capture.sha256(), true);
    }

    public static List<ReplayRequest> extract(Capture capture) {
        RequestExtractor x = new RequestExtractor(capture);
        Map<String, List<Timed>> brokerMessages = brokerMessages(capture.conversations());
        for (Conversation c : capture.conversations()) x.tcp(c, brokerMessages);
        x.udp(capture.datagrams());
        x.drafts.sort(Comparator.comparingLong(Draft::micros));
        List<ReplayRequest> out = new ArrayList<>();
        int i = 1;
        for (Draft d : x.drafts) {
            ReplayRequest r = d.request();
            out.add(new ReplayRequest("#" + i++, r.proto(), r.server(), r.port(), r.secure(), r.encrypted(), r.micros(),
                    r.origin(), r.frames(), r.summary(), r.message(), r.original(), r.overrides(), r.oracle(), r.credential()));
        }
        return out;
    }

    private void add(Proto proto, InetSocketAddress server, boolean encrypted, long micros, List<Long> frames, String summary,
                     ReplayRequest.Message message, ReplayRequest.Original original) {
        drafts.add(new Draft(micros, new ReplayRequest("", proto, server.getAddress(), server.getPort(), false, encrypted, micros,
                origin, frames, summary, message, original, List.of(), null, null)));
    }

    // ---------------------------------------------------------------- TCP

    private void tcp(Conversation c, Map<String, List<Timed>> brokerMessages) {
        Stream cs = c.fromClient();
        byte[] b = cs.bytes();
        if (b.length == 0) return;
        if (b.length >= 3 && b[0] == 0x16 && b[1] == 0x03) {
            add(Ports.tlsProto(c.server().getPort()), c.server(), true, c.firstMicros(), cs.frames(0, b.length),
                    "TLS connection from " + c.client().getAddress().getHostAddress() + ", " + b.length
                            + " bytes encrypted (keys unknown)", null, null);
        } else if (HttpWire.looksLikeRequest(b)) {
            http(c);
        } else if (MqttWire.looksLikeConnect(b)) {
            mqtt(c, brokerMessages);
        } else {
            byte[] first = Arrays.copyOf(b, Math.min(b.length, RAW_CAP));
            add(Proto.TCP, c.server(), false, micros(cs, 0), cs.frames(0, first.length),
                    "TCP payload, " + b.length + " bytes" + (b.length > RAW_CAP ? " (first " + RAW_CAP + " kept)" : ""),
                    new ReplayRequest.Raw(first), null);
        }
    }

    private void http(Conversation c) {
        Stream cs = c.fromClient();
        List<HttpWire.Message> requests = HttpWire.requests(cs.bytes());
        List<HttpWire.Message> responses = new ArrayList<>(HttpWire.responses(c.fromServer().bytes()).stream()
                .filter(r -> r.status() >= 200).toList());
        for (int i = 0; i < requests.size(); i++) {
            HttpWire.Message m = requests.get(i);
            HttpWire.Message resp = i < responses.size() ? responses.get(i) : null;
            String summary = m.method() + " " + m.target() + (m.body().length > 0 ? " (" + m.body().length + "-byte body)" : "")
                    + (resp == null ? ", no response captured" : " -> " + resp.status());
            add(m.rtsp() ? Proto.RTSP : Proto.HTTP, c.server(), false, micros(cs, m.start()), cs.frames(m.start(), m.end()), summary,
                    new ReplayRequest.Http(m), resp == null ? null : new ReplayRequest.HttpAnswer(resp.status(), resp.bodyText()));
        }
    }

    /** A message the broker delivered, with when it arrived. */
    private record Timed(long micros, MqttWire.Publish publish) {
    }

    private static Map<String, List<Timed>> brokerMessages(List<Conversation> conversations) {
        Map<String, List<Timed>> out = new LinkedHashMap<>();
        for (Conversation c : conversations) {
            byte[] cb = c.fromClient().bytes();
            if (!MqttWire.looksLikeConnect(cb)) continue;
            int level = MqttWire.connect(MqttWire.packet(cb, 0)).level();
            Stream ss = c.fromServer();
            for (MqttWire.Packet p : MqttWire.packets(ss.bytes())) {
                if (p.type() != MqttWire.PUBLISH) continue;
                MqttWire.Publish pub = MqttWire.publish(p, level);
                if (pub != null) out.computeIfAbsent(key(c.server()), k -> new ArrayList<>()).add(new Timed(micros(ss, p.start()), pub));
            }
        }
        return out;
    }

    private void mqtt(Conversation c, Map<String, List<Timed>> brokerMessages) {
        Stream cs = c.fromClient();
        List<MqttWire.Packet> packets = MqttWire.packets(cs.bytes());
        MqttWire.Connect connect = MqttWire.connect(packets.get(0));
        List<String> subscriptions = new ArrayList<>();
        for (MqttWire.Packet p : packets) {
            if (p.type() == MqttWire.SUBSCRIBE) subscriptions.addAll(MqttWire.subscribe(p, connect.level()));
        }
        for (MqttWire.Packet p : packets) {
            if (p.type() != MqttWire.PUBLISH) continue;
            MqttWire.Publish pub = MqttWire.publish(p, connect.level());
            if (pub == null) continue;
            long t = micros(cs, p.start());
            List<MqttWire.Publish> answers = brokerMessages.getOrDefault(key(c.server()), List.of()).stream()
                    .filter(m -> m.micros() > t && m.micros() <= t + MQTT_ANSWER_MICROS && !m.publish().retain()
                            && !m.publish().topic().equals(pub.topic()))
                    .map(Timed::publish).toList();
            String summary = "PUBLISH " + pub.topic() + " (" + pub.payload().length + " bytes, QoS " + pub.qos()
                    + (pub.retain() ? ", retained" : "") + ")" + (answers.isEmpty() ? "" : " -> " + answers.size() + " answer(s) on "
                    + answers.stream().map(MqttWire.Publish::topic).distinct().toList());
            add(Proto.MQTT, c.server(), false, t, cs.frames(p.start(), p.end()), summary,
                    new ReplayRequest.Mqtt(connect, pub, subscriptions),
                    answers.isEmpty() ? null : new ReplayRequest.MqttAnswers(answers));
        }
    }

    // ---------------------------------------------------------------- UDP

    private void udp(List<Datagram> datagrams) {
        Map<String, Boolean> flowsSeen = new LinkedHashMap<>();
        for (int i = 0; i < datagrams.size(); i++) {
            Datagram d = datagrams.get(i);
            byte[] p = d.payload();
            if (p.length >= 3 && (p[0] & 0xff) >= 20 && (p[0] & 0xff) <= 25 && (p[1] & 0xff) == 0xfe) {
                if (flowsSeen.putIfAbsent("dtls " + key(d.src()) + ">" + key(d.dst()), true) == null && (p[0] & 0xff) == 22
                        && !isReplyFlow(flowsSeen, d)) {
                    add(Ports.dtlsProto(d.dst().getPort()), d.dst(), true, d.micros(), List.of(d.frame()),
                            "DTLS session from " + d.src().getAddress().getHostAddress() + " (encrypted, keys unknown)", null, null);
                }
                continue;
            }
            CoapWire.Message m = CoapWire.parse(p);
            if (m != null && m.request()) {
                CoapWire.Message answer = coapAnswer(datagrams, i, m);
                add(Proto.COAP, d.dst(), false, d.micros(), List.of(d.frame()),
                        (m.type() == CoapWire.CON ? "CON " : "NON ") + m.method() + " " + m.path()
                                + (m.payload().length > 0 ? " (" + m.payload().length + "-byte payload)" : "")
                                + (answer == null ? ", no response captured" : " -> " + answer.codeText()),
                        new ReplayRequest.Coap(m), answer == null ? null : new ReplayRequest.CoapAnswer(answer.codeText(), answer.text()));
                continue;
            }
            if (m != null) continue; // a CoAP response or empty message: part of an exchange listed above
            if (flowsSeen.putIfAbsent("udp " + key(d.src()) + ">" + key(d.dst()), true) == null && !isReplyFlow(flowsSeen, d)) {
                byte[] first = Arrays.copyOf(p, Math.min(p.length, RAW_CAP));
                add(Proto.UDP, d.dst(), false, d.micros(), List.of(d.frame()), "UDP datagram, " + p.length + " bytes (first of its flow)",
                        new ReplayRequest.Raw(first), null);
            }
        }
    }

    /** The flow back from a server that already has an entry is its answers, not a new request. */
    private static boolean isReplyFlow(Map<String, Boolean> seen, Datagram d) {
        return seen.containsKey("udp " + key(d.dst()) + ">" + key(d.src())) || seen.containsKey("dtls " + key(d.dst()) + ">" + key(d.src()));
    }

    private static CoapWire.Message coapAnswer(List<Datagram> datagrams, int i, CoapWire.Message req) {
        Datagram d = datagrams.get(i);
        for (int j = i + 1; j < datagrams.size(); j++) {
            Datagram r = datagrams.get(j);
            if (r.micros() > d.micros() + COAP_ANSWER_MICROS) break;
            if (!r.src().equals(d.dst()) || !r.dst().equals(d.src())) continue;
            CoapWire.Message m = CoapWire.parse(r.payload());
            if (m != null && m.response() && Arrays.equals(m.token(), req.token())) return m;
        }
        return null;
    }

    private static long micros(Stream s, int offset) {
        Stream.Chunk c = s.at(offset);
        return c == null ? 0 : c.micros();
    }

    private static String key(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
