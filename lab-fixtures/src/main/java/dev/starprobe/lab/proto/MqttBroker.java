package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.tls.TlsProfile;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small MQTT 3.1.1 broker on Netty's MQTT codec: CONNECT (anonymous, or username/password through the
 * device's login gate: CONNACK 5 when refused), SUBSCRIBE with + and # filters and retained messages,
 * PUBLISH QoS 0/1 with retain, UNSUBSCRIBE, PINGREQ, DISCONNECT. Deliveries are QoS 0.
 */
public final class MqttBroker {
    /** Reacts to a client's PUBLISH (e.g. a lock command); may publish answers through the broker. */
    @FunctionalInterface
    public interface PublishHook {
        void onPublish(MqttBroker broker, String topic, byte[] payload, ServiceContext svc, java.net.InetSocketAddress peer);
    }

    private final LoginGate gate;
    private final PublishHook hook;
    private final Map<String, byte[]> retained = new ConcurrentHashMap<>();
    private final Map<Channel, List<String>> subscriptions = new ConcurrentHashMap<>();

    /** @param gate null to accept anonymous clients (and any credentials) */
    public MqttBroker(LoginGate gate, PublishHook hook) {
        this.gate = gate;
        this.hook = hook;
    }

    public void retain(String topic, String payload) {
        retained.put(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    LoginGate gate() {
        return gate;
    }

    PublishHook hook() {
        return hook;
    }

    /** Binds this broker on {@code port}; {@code tls} null for cleartext MQTT. */
    public void bind(DeviceRuntime rt, int port, TlsProfile tls) throws InterruptedException {
        String service = tls == null ? "mqtt" : "mqtts";
        ServiceContext svc = new ServiceContext(service, port, rt.log());
        rt.bindTcp(port, service, ch -> {
            if (tls != null) tls.install(ch, svc);
            ch.pipeline().addLast(new ReadTimeoutHandler(90, TimeUnit.SECONDS),
                    new MqttDecoder(64 * 1024), MqttEncoder.INSTANCE, new MqttSession(this, svc));
            ch.closeFuture().addListener(f -> subscriptions.remove(ch));
        });
    }

    void subscribe(Channel ch, List<String> filters) {
        subscriptions.computeIfAbsent(ch, c -> new CopyOnWriteArrayList<>()).addAll(filters);
        for (String f : filters) {
            retained.forEach((topic, payload) -> {
                if (TopicFilter.matches(f, topic)) deliver(ch, topic, payload, true);
            });
        }
    }

    void unsubscribe(Channel ch, List<String> filters) {
        List<String> s = subscriptions.get(ch);
        if (s != null) s.removeAll(filters);
    }

    /** Routes a message to every matching subscriber (and keeps it if {@code retain}). */
    public void publish(String topic, byte[] payload, boolean retain) {
        if (retain) {
            if (payload.length == 0) retained.remove(topic); else retained.put(topic, payload.clone());
        }
        subscriptions.forEach((ch, filters) -> {
            if (filters.stream().anyMatch(f -> TopicFilter.matches(f, topic))) deliver(ch, topic, payload, false);
        });
    }

    private static void deliver(Channel ch, String topic, byte[] payload, boolean retainFlag) {
        ch.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE)
                .retained(retainFlag).payload(Unpooled.wrappedBuffer(payload)).build());
    }

    public Set<String> retainedTopics() {
        return Set.copyOf(retained.keySet());
    }
}
