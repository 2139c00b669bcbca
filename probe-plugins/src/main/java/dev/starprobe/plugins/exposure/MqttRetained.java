package dev.starprobe.plugins.exposure;

import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.Printable;
import dev.starprobe.plugins.mqtt.MqttPackets;
import dev.starprobe.plugins.mqtt.MqttPublishes;
import dev.starprobe.spi.CheckContext;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * What an MQTT broker that already let an anonymous client in (seen during identification) shows it:
 * SUBSCRIBE to the data file's filters ("#", "$SYS/broker/version") at QoS 0 for a short window, then
 * DISCONNECT. Retained payloads are scanned for secrets; the broker's version topic is a version.
 */
final class MqttRetained {
    private final DisclosureRules rules;

    MqttRetained(DisclosureRules rules) {
        this.rules = rules;
    }

    static boolean applies(Service s) {
        return "mqtt".equals(s.protocol()) && !s.tls() && "accepted".equals(s.attributes().get("mqtt.anonymous"));
    }

    void examine(CheckContext ctx, Service s, ServiceDisclosure d) throws Exception {
        try (Socket socket = ctx.net().socketFactory().createSocket(ctx.device().address(), s.port())) {
            socket.setSoTimeout((int) ctx.options().ioTimeout().toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(MqttPackets.connect("starprobe-" + Long.toHexString(System.nanoTime())));
            out.flush();
            int code = MqttPackets.connackCode(in.readNBytes(4));
            if (code != 0) {
                d.failure = "the anonymous CONNECT accepted during identification was answered "
                        + (code < 0 ? "with no CONNACK" : "with CONNACK " + code) + " this time";
                return;
            }
            d.asked = "anonymous SUBSCRIBE " + rules.mqttFilters + " for " + rules.mqttWindowMillis + " ms";
            out.write(MqttPackets.subscribe(1, rules.mqttFilters));
            out.flush();
            byte[] got = MqttPublishes.readWindow(socket, Duration.ofMillis(rules.mqttWindowMillis), rules.mqttMaxBytes);
            out.write(MqttPackets.disconnect());
            out.flush();
            List<MqttPublishes.Message> messages = MqttPublishes.parse(got, 256);
            d.examined.add(messages.size() + " message(s) delivered to an anonymous SUBSCRIBE " + rules.mqttFilters);
            for (MqttPublishes.Message m : messages) {
                String topic = Printable.of(m.topic(), 96);
                if (rules.mqttVersionTopics.contains(m.topic())) {
                    String text = Printable.of(m.text(), 96);
                    List<String> named = rules.versions(text);
                    d.version(named.isEmpty() ? text : String.join(", ", named), topic + ": " + text);
                } else {
                    d.leak("retained message on topic " + topic, rules.secrets(m.text(), false), m.text());
                }
            }
        }
    }
}
