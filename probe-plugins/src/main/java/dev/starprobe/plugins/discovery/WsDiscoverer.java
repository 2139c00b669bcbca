package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.NetworkException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** WS-Discovery Probe (ONVIF cameras, printers) to 239.255.255.250:3702 on the pinned interface. */
public final class WsDiscoverer extends UdpDiscoverer {
    static final InetSocketAddress GROUP = new InetSocketAddress("239.255.255.250", 3702);

    /** An untyped Probe: every target service answers, not only ONVIF ones. */
    static byte[] probe(String messageId) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
                + "<s:Header><a:Action s:mustUnderstand=\"1\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>"
                + "<s:Body><d:Probe/></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return "wsd";
    }

    @Override
    public boolean needsInterface() {
        return true;
    }

    @Override
    protected List<Device> run(DiscoveryContext ctx) throws NetworkException {
        requireMulticast(ctx, "WS-Discovery");
        String messageId = "urn:uuid:" + UUID.randomUUID();
        Map<java.net.InetAddress, List<WsdProbeMatch>> answers;
        try (DiscoverySocket s = ctx.openSocket()) {
            s.send(GROUP, probe(messageId));
            answers = parseAll(collect(s, ctx.replyWindow()), candidateSet(ctx), WsdProbeMatch::parse);
        }
        List<Device> out = new ArrayList<>();
        answers.forEach((addr, list) -> {
            Map<String, String> hints = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (WsdProbeMatch m : list) {
                // answers to someone else's probe are still true statements about the device
                if (!m.typeNames().isEmpty()) hints.putIfAbsent("wsd.types", String.join(" ", m.typeNames()));
                if (!m.xaddrs().isEmpty()) hints.putIfAbsent("wsd.xaddrs", String.join(" ", m.xaddrs()));
                if (m.isOnvif()) {
                    hints.put("onvif", m.xaddrs().isEmpty() ? "yes" : m.xaddrs().get(0));
                    String name = m.onvifScope("name");
                    String hw = m.onvifScope("hardware");
                    if (name != null) {
                        hints.putIfAbsent("onvif.name", name);
                        names.add(name);
                    }
                    if (hw != null) hints.putIfAbsent("onvif.hardware", hw);
                }
            }
            out.add(new Device(null, addr, null, names, hints));
        });
        return out;
    }
}
