package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.NetworkException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CoAP resource discovery: GET /.well-known/core to "All CoAP Nodes" 224.0.1.187:5683 when pinned
 * to an interface, and by unicast to every candidate (paced) so devices that ignore multicast are
 * found too.
 */
public final class CoapDiscoverer extends UdpDiscoverer {
    static final InetSocketAddress GROUP = new InetSocketAddress("224.0.1.187", 5683);
    static final int PORT = 5683;

    @Override
    public String id() {
        return "coap";
    }

    @Override
    protected List<Device> run(DiscoveryContext ctx) throws NetworkException {
        byte[] token = new byte[4];
        ThreadLocalRandom.current().nextBytes(token);
        int mid = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] request = CoapMessage.wellKnownCore(mid, token);
        List<DiscoverySocket.Datagram> answers = new ArrayList<>();
        try (DiscoverySocket s = ctx.openSocket()) {
            if (ctx.link().map(l -> l.multicast()).orElse(false)) s.send(GROUP, request);
            for (InetAddress a : ctx.candidates()) {
                s.send(new InetSocketAddress(a, PORT), request);
                // drain while sweeping so a large sweep does not overflow the socket buffer
                var d = s.receive(java.time.Duration.ZERO.plusMillis(1));
                d.ifPresent(answers::add);
            }
            answers.addAll(collect(s, ctx.replyWindow()));
        }
        Map<InetAddress, List<CoapMessage>> parsed = parseAll(answers, candidateSet(ctx), CoapMessage::parse);
        List<Device> out = new ArrayList<>();
        parsed.forEach((addr, list) -> {
            Map<String, String> hints = new LinkedHashMap<>();
            for (CoapMessage m : list) {
                if (!Arrays.equals(m.token(), token)) continue; // not an answer to our request
                hints.putIfAbsent("coap.code", m.codeText());
                if (m.code() == CoapMessage.CONTENT) {
                    List<String> paths = CoapMessage.linkPaths(m.payload(), 32);
                    if (!paths.isEmpty()) hints.putIfAbsent("coap.resources", Printable.hint(String.join(",", paths)));
                }
            }
            if (!hints.isEmpty()) out.add(new Device(null, addr, null, List.of(), hints));
        });
        return out;
    }
}
