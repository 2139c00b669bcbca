package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.wire.MqttWire;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.ScanOptions;
import dev.starprobe.spi.TranscriptRecorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A captured PUBLISH sent again in a new MQTT session (new client id, the captured or a supplied login),
 * subscribed first to where the app saw the command's answer, so the answer to the replay can be
 * compared with the answer to the original.
 */
final class MqttReplayer implements Replayer {
    /** how long answers to a replayed command are collected */
    static final String WINDOW_SETTING = "replay.mqtt-window-ms";
    static final Duration DEFAULT_WINDOW = Duration.ofMillis(1500);
    /** retained messages arrive right after SUBACK; they are not answers */
    static final Duration SETTLE = Duration.ofMillis(300);

    @Override
    public List<Freshness.Field> fields(ReplayRequest.Message m) {
        return Freshness.inBody(((ReplayRequest.Mqtt) m).publish().text());
    }

    @Override
    public ReplayRequest.Message alter(ReplayRequest.Message m, Map<Freshness.Field, String> changes) {
        ReplayRequest.Mqtt q = (ReplayRequest.Mqtt) m;
        MqttWire.Publish p = q.publish();
        byte[] payload = Freshness.apply(p.text(), changes).getBytes(StandardCharsets.UTF_8);
        return new ReplayRequest.Mqtt(q.connect(), new MqttWire.Publish(p.topic(), payload, p.qos(), p.retain(), false, p.packetId()),
                q.subscriptions());
    }

    @Override
    public Decision send(CheckContext ctx, ReplayRequest r, ReplayRequest.Message m) throws IOException {
        ReplayRequest.Mqtt q = (ReplayRequest.Mqtt) m;
        Set<String> listen = new LinkedHashSet<>(q.subscriptions());
        if (r.original() instanceof ReplayRequest.MqttAnswers a) a.messages().forEach(x -> listen.add(x.topic()));
        try (Session s = Session.open(ctx, r, q.connect())) {
            if (s.refused != null) return Decision.unknown(s.refused);
            s.subscribe(new ArrayList<>(listen));
            s.collect(SETTLE);
            s.send(MqttWire.publish(s.level, q.publish()));
            List<MqttWire.Publish> got = s.collect(window(ctx));
            return Judge.mqtt((ReplayRequest.MqttAnswers) r.original(), got);
        }
    }

    /** The retained message on a state topic, or what arrives there first. */
    static String observe(CheckContext ctx, ReplayRequest r, ReplayRequest.MqttOracle o) throws IOException {
        MqttWire.Connect c = r.message() instanceof ReplayRequest.Mqtt q ? q.connect() : new MqttWire.Connect(4, "", null, null, 30);
        try (Session s = Session.open(ctx, r, c)) {
            if (s.refused != null) return "(" + s.refused + ")";
            s.subscribe(List.of(o.topic()));
            for (MqttWire.Publish p : s.collect(Duration.ofSeconds(1))) if (p.topic().equals(o.topic())) return p.text();
            return "(nothing on " + o.topic() + ")";
        }
    }

    private static Duration window(CheckContext ctx) {
        return ctx.options().setting(WINDOW_SETTING).filter(v -> v.matches("\\d{1,6}")).map(v -> Duration.ofMillis(Long.parseLong(v)))
                .orElse(DEFAULT_WINDOW);
    }

    /** One MQTT session to the device. */
    private static final class Session implements AutoCloseable {
        final Socket socket;
        final int level;
        final TranscriptRecorder plain;
        String refused;
        boolean refusedLogin;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        private Session(Socket socket, int level, TranscriptRecorder plain) {
            this.socket = socket;
            this.level = level;
            this.plain = plain;
        }

        /** how long a refused login waits before its one retry: other checks' wrong passwords may have locked it out */
        static final Duration LOCKOUT_RETRY = Duration.ofSeconds(3);
        static final int LOGIN_RETRIES = 3;

        static Session open(CheckContext ctx, ReplayRequest r, MqttWire.Connect captured) throws IOException {
            Session s = attempt(ctx, r, captured);
            for (int retry = 0; retry < LOGIN_RETRIES && s.refusedLogin && (captured.username() != null || r.credential() != null); retry++) {
                s.close();
                try {
                    Thread.sleep(LOCKOUT_RETRY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return s;
                }
                s = attempt(ctx, r, captured);
            }
            return s;
        }

        private static Session attempt(CheckContext ctx, ReplayRequest r, MqttWire.Connect captured) throws IOException {
            String user = captured.username();
            byte[] password = captured.password();
            ScanOptions.Credential cred = r.credential() == null ? null : ctx.options().credentials().get(r.credential());
            if (cred != null) {
                user = cred.user();
                password = cred.secret().getBytes(StandardCharsets.UTF_8);
            }
            int level = captured.level() >= 3 && captured.level() <= 5 ? captured.level() : 4;
            Socket sock = Links.tcp(ctx, r.port(), r.secure());
            TranscriptRecorder plain = r.secure()
                    ? ctx.net().recorder(ctx.device().address().getHostAddress() + ":" + r.port() + " (MQTT inside TLS)") : null;
            Session s = new Session(sock, level, plain);
            s.send(MqttWire.connect(level, "starprobe-replay-" + Long.toHexString(System.nanoTime()), user, password, 30));
            MqttWire.Packet ack = s.next(ctx.options().ioTimeout());
            if (ack == null || ack.type() != MqttWire.CONNACK || ack.body().length < 2) {
                s.refused = "the broker did not accept an MQTT session (no CONNACK)";
            } else if ((ack.body()[1] & 0xff) != 0) {
                s.refusedLogin = (ack.body()[1] & 0xff) == 4 || (ack.body()[1] & 0xff) == 5;
                s.refused = "the broker refused the MQTT session (CONNACK " + (ack.body()[1] & 0xff)
                        + (cred == null && user == null ? "; supply the app's login with --credential and name it in a template" : "") + ")";
            }
            return s;
        }

        void send(byte[] packet) throws IOException {
            socket.getOutputStream().write(packet);
            socket.getOutputStream().flush();
            if (plain != null) plain.sent(packet);
        }

        void subscribe(List<String> filters) throws IOException {
            if (filters.isEmpty()) return;
            send(MqttWire.subscribe(level, 1, filters));
        }

        /** PUBLISHes that arrive within {@code d} (SUBACK, PUBACK and the like are read and dropped). */
        List<MqttWire.Publish> collect(Duration d) throws IOException {
            List<MqttWire.Publish> out = new ArrayList<>();
            long end = System.nanoTime() + d.toNanos();
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) break;
                MqttWire.Packet p = next(Duration.ofMillis(left));
                if (p == null) break;
                if (p.type() == MqttWire.PUBLISH) {
                    MqttWire.Publish pub = MqttWire.publish(p, level);
                    if (pub != null) out.add(pub);
                }
            }
            return out;
        }

        private MqttWire.Packet next(Duration timeout) throws IOException {
            InputStream in = socket.getInputStream();
            long end = System.nanoTime() + timeout.toNanos();
            byte[] buf = new byte[4096];
            while (true) {
                byte[] have = pending.toByteArray();
                MqttWire.Packet p = MqttWire.packet(have, 0);
                if (p != null) {
                    pending.reset();
                    pending.write(have, p.end(), have.length - p.end());
                    if (plain != null) plain.received(java.util.Arrays.copyOfRange(have, 0, p.end()));
                    return p;
                }
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0 || have.length > Links.READ_CAP) return null;
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    return null;
                }
                if (n < 0) return null;
                pending.write(buf, 0, n);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (refused == null) send(MqttWire.disconnect());
            } catch (IOException ignored) {
                // closing anyway
            }
            socket.close();
        }
    }
}
