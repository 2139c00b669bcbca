package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.wire.CoapWire;
import dev.starprobe.plugins.replay.wire.HttpWire;
import dev.starprobe.plugins.replay.wire.MqttWire;

import java.net.InetAddress;
import java.util.List;

/**
 * One application request to replay: taken from a capture (with the frames it came in) or written in a
 * template, with what the device answered the first time when that is known.
 *
 * @param id          "#3" for the third request of a capture listing, or the template entry's name
 * @param server      the device address it went to; null in a template that applies to any target
 * @param secure      replayed over TLS/DTLS (the channel the original used)
 * @param encrypted   the capture holds it only as TLS/DTLS records whose keys are unknown: no plaintext
 * @param origin      where it came from (capture file and frames, or template file)
 * @param frames      frame numbers of the original request in the capture (empty for templates)
 * @param message     the plaintext request (null when encrypted)
 * @param original    what the device answered the legitimate request, or null when not known
 * @param overrides   freshness fields named by a template, replacing the heuristics (empty: detect)
 * @param oracle      a request that shows whether the command took effect, or null
 * @param credential  name of a --credential to use for the session (MQTT login, DTLS PSK), or null
 */
public record ReplayRequest(String id, Proto proto, InetAddress server, int port, boolean secure, boolean encrypted,
                            long micros, Origin origin, List<Long> frames, String summary, Message message,
                            Original original, List<Freshness.Field> overrides, Oracle oracle, String credential) {
    public ReplayRequest {
        frames = List.copyOf(frames);
        overrides = List.copyOf(overrides);
    }

    /** Where a request came from. */
    public record Origin(java.nio.file.Path file, String sha256, boolean capture) {
    }

    /** The plaintext request, per protocol. */
    public sealed interface Message permits Http, Mqtt, Coap, Raw {
    }

    public record Http(HttpWire.Message request) implements Message {
    }

    /**
     * A PUBLISH with the session it was sent in.
     *
     * @param subscriptions topic filters the original session subscribed to (where answers arrive)
     */
    public record Mqtt(MqttWire.Connect connect, MqttWire.Publish publish, List<String> subscriptions) implements Message {
        public Mqtt {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    public record Coap(CoapWire.Message request) implements Message {
    }

    public record Raw(byte[] bytes) implements Message {
    }

    /** What the device answered the legitimate request. */
    public sealed interface Original permits HttpAnswer, MqttAnswers, CoapAnswer {
    }

    public record HttpAnswer(int status, String body) implements Original {
    }

    /** Messages the broker delivered to the app right after the command (the command's visible outcome). */
    public record MqttAnswers(List<MqttWire.Publish> messages) implements Original {
        public MqttAnswers {
            messages = List.copyOf(messages);
        }
    }

    public record CoapAnswer(String code, String payload) implements Original {
    }

    /** A request whose answer shows the device's state. */
    public sealed interface Oracle permits HttpOracle, MqttOracle, CoapOracle {
        /** the user states that each executed command changes what the oracle shows */
        boolean expectChange();
    }

    public record HttpOracle(int port, boolean tls, String path, List<HttpWire.Header> headers, boolean expectChange) implements Oracle {
    }

    public record MqttOracle(String topic, boolean expectChange) implements Oracle {
    }

    public record CoapOracle(String path, boolean expectChange) implements Oracle {
    }

    public String where() {
        return (server == null ? "" : server.getHostAddress() + ":") + port + (proto == Proto.COAP || proto == Proto.UDP ? "/udp" : "/tcp");
    }

    /** "#3 POST /api/lock (frames 12-14 of app.pcap)" */
    public String describe() {
        String from = origin.capture()
                ? (frames.isEmpty() ? "" : " (frames " + frameRange(frames) + " of " + origin.file().getFileName() + ")")
                : " (template " + origin.file().getFileName() + ")";
        return id + " " + summary + from;
    }

    static String frameRange(List<Long> frames) {
        long lo = frames.stream().mapToLong(Long::longValue).min().orElse(0);
        long hi = frames.stream().mapToLong(Long::longValue).max().orElse(0);
        return lo == hi ? Long.toString(lo) : lo + "-" + hi;
    }
}
