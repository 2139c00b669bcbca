package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.NetworkException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * mDNS / DNS-SD (RFC 6762, 6763) on the pinned interface: first the service types present
 * ({@code _services._dns-sd._udp.local}), then the instances of each type with their SRV, TXT and
 * address records. Queries go from an ephemeral port, so responders answer by unicast (RFC 6762
 * §6.7) and the probe never joins the group or announces itself. Hand-built rather than JmDNS,
 * which binds 5353, joins the group and announces its own host on the LAN, outside the scope guard.
 */
public final class MdnsDiscoverer extends UdpDiscoverer {
    static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    static final String SERVICES = DnsSd.SERVICES;

    @Override
    public String id() {
        return "mdns";
    }

    @Override
    public boolean needsInterface() {
        return true;
    }

    @Override
    protected List<Device> run(DiscoveryContext ctx) throws NetworkException {
        requireMulticast(ctx, "mDNS");
        Set<InetAddress> candidates = candidateSet(ctx);
        Map<InetAddress, List<DnsMessage.Answer>> all = new LinkedHashMap<>();
        try (DiscoverySocket s = ctx.openSocket()) {
            int id = ThreadLocalRandom.current().nextInt(1, 0xffff);
            s.send(GROUP, DnsSd.servicesQuery(id));
            merge(all, parseAll(collect(s, ctx.replyWindow()), candidates, DnsMessage::parse));
            List<String> types = DnsSd.typesOf(all.values().stream().flatMap(List::stream).toList());
            if (!types.isEmpty()) {
                s.send(GROUP, DnsSd.instancesQuery(id + 1, types));
                merge(all, parseAll(collect(s, ctx.replyWindow()), candidates, DnsMessage::parse));
            }
        }
        List<Device> out = new ArrayList<>();
        all.forEach((addr, answers) -> out.add(device(addr, answers)));
        return out;
    }

    private static void merge(Map<InetAddress, List<DnsMessage.Answer>> into, Map<InetAddress, List<DnsMessage.Answer>> more) {
        more.forEach((a, l) -> into.computeIfAbsent(a, x -> new ArrayList<>()).addAll(l));
    }

    static Device device(InetAddress addr, List<DnsMessage.Answer> answers) {
        DnsSd.Summary s = DnsSd.summarizeAnswers(answers);
        return new Device(null, addr, null, s.names(), s.hints());
    }
}
