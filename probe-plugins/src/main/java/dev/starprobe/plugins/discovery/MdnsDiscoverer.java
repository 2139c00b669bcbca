package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.NetworkException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
    static final String SERVICES = "_services._dns-sd._udp.local";
    static final int MAX_TYPES = 24;
    /** TXT keys that name a model or product in common DNS-SD profiles (HomeKit md, printers ty/product). */
    static final List<String> MODEL_KEYS = List.of("md", "model", "ty", "product", "usb_mdl");

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
            s.send(GROUP, DnsMessage.query(id, List.of(SERVICES), DnsMessage.TYPE_PTR));
            merge(all, parseAll(collect(s, ctx.replyWindow()), candidates, DnsMessage::parse));
            Set<String> types = new LinkedHashSet<>();
            all.values().forEach(list -> list.forEach(a -> a.records().forEach(r -> {
                if (r.type() == DnsMessage.TYPE_PTR && r.name().equalsIgnoreCase(SERVICES) && validType(r.data())
                        && types.size() < MAX_TYPES) {
                    types.add(r.data().toLowerCase(Locale.ROOT));
                }
            })));
            if (!types.isEmpty()) {
                s.send(GROUP, DnsMessage.query(id + 1 & 0xffff, List.copyOf(types), DnsMessage.TYPE_PTR));
                merge(all, parseAll(collect(s, ctx.replyWindow()), candidates, DnsMessage::parse));
            }
        }
        List<Device> out = new ArrayList<>();
        all.forEach((addr, answers) -> out.add(device(addr, answers)));
        return out;
    }

    /** A DNS-SD service type: _name._tcp.local or _name._udp.local (sub-types are not needed). */
    static boolean validType(String t) {
        return t.matches("(?i)_[a-z0-9-]{1,63}\\._(tcp|udp)\\.local");
    }

    private static void merge(Map<InetAddress, List<DnsMessage.Answer>> into, Map<InetAddress, List<DnsMessage.Answer>> more) {
        more.forEach((a, l) -> into.computeIfAbsent(a, x -> new ArrayList<>()).addAll(l));
    }

    static Device device(InetAddress addr, List<DnsMessage.Answer> answers) {
        Set<String> services = new java.util.TreeSet<>(); // sorted: the same device always reads the same
        Set<String> names = new LinkedHashSet<>();
        Set<String> txt = new LinkedHashSet<>();
        Map<String, String> hints = new LinkedHashMap<>();
        for (DnsMessage.Answer a : answers) {
            if (!a.response()) continue;
            for (DnsMessage.Record r : a.records()) {
                switch (r.type()) {
                    case DnsMessage.TYPE_PTR -> {
                        if (r.name().equalsIgnoreCase(SERVICES)) {
                            if (validType(r.data())) services.add(r.data().toLowerCase(Locale.ROOT).replaceFirst("\\.local$", ""));
                        } else if (validType(r.name())) {
                            services.add(r.name().toLowerCase(Locale.ROOT).replaceFirst("\\.local$", ""));
                            String instance = r.data().endsWith("." + r.name()) ? r.data().substring(0, r.data().length() - r.name().length() - 1) : r.data();
                            names.add(Printable.hint(instance));
                        }
                    }
                    case DnsMessage.TYPE_SRV -> names.add(Printable.hint(r.data().replaceFirst(":\\d+$", "")));
                    case DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA -> names.add(Printable.hint(r.name()));
                    case DnsMessage.TYPE_TXT -> {
                        for (String kv : r.txt()) {
                            if (txt.size() < 32) txt.add(Printable.hint(kv));
                            int eq = kv.indexOf('=');
                            if (eq > 0 && MODEL_KEYS.contains(kv.substring(0, eq).toLowerCase(Locale.ROOT))) {
                                hints.putIfAbsent("mdns.model", Printable.hint(kv.substring(eq + 1)));
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (!services.isEmpty()) hints.put("mdns.service", String.join(", ", services));
        if (!txt.isEmpty()) hints.put("mdns.txt", Printable.hint(String.join("; ", txt)));
        return new Device(null, addr, null, List.copyOf(names), hints);
    }
}
