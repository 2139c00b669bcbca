package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.NetworkException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SNMPv2c GET of sysDescr, sysObjectID and sysName with community "public" to every candidate
 * (paced). An answer is also a finding-in-waiting: the device accepts the default community.
 */
public final class SnmpDiscoverer extends UdpDiscoverer {
    static final int PORT = 161;
    static final String COMMUNITY = SnmpSystemGroup.COMMUNITY;

    @Override
    public String id() {
        return "snmp";
    }

    @Override
    protected List<Device> run(DiscoveryContext ctx) throws NetworkException {
        int requestId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        byte[] request = SnmpSystemGroup.request(requestId);
        List<DiscoverySocket.Datagram> answers = new ArrayList<>();
        try (DiscoverySocket s = ctx.openSocket()) {
            for (InetAddress a : ctx.candidates()) {
                s.send(new InetSocketAddress(a, PORT), request);
                s.receive(Duration.ofMillis(1)).ifPresent(answers::add);
            }
            answers.addAll(collect(s, ctx.replyWindow()));
        }
        List<Device> out = new ArrayList<>();
        parseAll(answers, candidateSet(ctx), SnmpMessage::parse).forEach((addr, list) -> {
            for (SnmpMessage.Response r : list) {
                Optional<Map<String, String>> hints = SnmpSystemGroup.read(r, requestId);
                if (hints.isEmpty()) continue;
                String name = hints.get().get(SnmpSystemGroup.KEY_NAME);
                out.add(new Device(null, addr, null, name == null ? List.of() : List.of(name), hints.get()));
                break;
            }
        });
        return out;
    }
}
