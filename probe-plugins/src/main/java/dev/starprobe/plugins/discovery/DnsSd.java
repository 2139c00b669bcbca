package dev.starprobe.plugins.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a DNS-SD responder says about its device (RFC 6763), read the same way whether the answers came
 * from multicast discovery or from a unicast query to the device's port 5353: the service types, the
 * instance names (what the owner sees in the companion app), TXT strings and the model they name. The
 * keys are the hint keys of discovery and the attribute keys of the identified mDNS service alike, so
 * one classification rule reads both.
 */
public final class DnsSd {
    public static final String SERVICES = "_services._dns-sd._udp.local";
    public static final String HINT_SERVICE = "mdns.service";
    public static final String HINT_INSTANCE = "mdns.instance";
    public static final String HINT_TXT = "mdns.txt";
    public static final String HINT_MODEL = "mdns.model";
    static final int MAX_TYPES = 24;
    static final int MAX_TXT = 32;
    /** TXT keys that name a model or product in common DNS-SD profiles (HomeKit md, printers ty/product). */
    static final List<String> MODEL_KEYS = List.of("md", "model", "ty", "product", "usb_mdl");

    /** The device's names and its hints. */
    public record Summary(List<String> names, Map<String, String> hints) {
        public boolean isEmpty() {
            return hints.isEmpty();
        }
    }

    private DnsSd() {
    }

    /** The service enumeration query ({@code _services._dns-sd._udp.local} PTR). */
    public static byte[] servicesQuery(int id) {
        return DnsMessage.query(id & 0xffff, List.of(SERVICES), DnsMessage.TYPE_PTR);
    }

    /** One query for the instances of every type. */
    public static byte[] instancesQuery(int id, List<String> types) {
        return DnsMessage.query(id & 0xffff, types, DnsMessage.TYPE_PTR);
    }

    /** A DNS-SD service type: _name._tcp.local or _name._udp.local (sub-types are not needed). */
    static boolean validType(String t) {
        return t.matches("(?i)_[a-z0-9-]{1,63}\\._(tcp|udp)\\.local");
    }

    /**
     * The service types the replies to {@link #servicesQuery} list (lower case, at most {@value #MAX_TYPES});
     * replies that do not parse are skipped.
     */
    public static List<String> serviceTypes(List<byte[]> replies) {
        return typesOf(parsed(replies));
    }

    private static List<DnsMessage.Answer> parsed(List<byte[]> replies) {
        List<DnsMessage.Answer> answers = new ArrayList<>();
        for (byte[] r : replies) {
            try {
                answers.add(DnsMessage.parse(r));
            } catch (ParseException e) {
                // not a DNS message: says nothing about the device
            }
        }
        return answers;
    }

    static List<String> typesOf(List<DnsMessage.Answer> answers) {
        Set<String> types = new LinkedHashSet<>();
        for (DnsMessage.Answer a : answers) {
            for (DnsMessage.Record r : a.records()) {
                if (r.type() == DnsMessage.TYPE_PTR && r.name().equalsIgnoreCase(SERVICES) && validType(r.data())
                        && types.size() < MAX_TYPES) {
                    types.add(r.data().toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(types);
    }

    /** The summary of raw replies; a reply that does not parse is skipped (hostile or not DNS). */
    public static Summary summarize(List<byte[]> replies) {
        return summarizeAnswers(parsed(replies));
    }

    static Summary summarizeAnswers(List<DnsMessage.Answer> answers) {
        Set<String> services = new TreeSet<>(); // sorted: the same device always reads the same
        Set<String> instances = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> txt = new LinkedHashSet<>();
        Map<String, String> hints = new LinkedHashMap<>();
        for (DnsMessage.Answer a : answers) {
            if (!a.response()) continue;
            for (DnsMessage.Record r : a.records()) {
                switch (r.type()) {
                    case DnsMessage.TYPE_PTR -> {
                        if (r.name().equalsIgnoreCase(SERVICES)) {
                            if (validType(r.data())) services.add(bare(r.data()));
                        } else if (validType(r.name())) {
                            services.add(bare(r.name()));
                            String instance = r.data().endsWith("." + r.name())
                                    ? r.data().substring(0, r.data().length() - r.name().length() - 1) : r.data();
                            instances.add(Printable.hint(instance));
                            names.add(Printable.hint(instance));
                        }
                    }
                    case DnsMessage.TYPE_SRV -> names.add(Printable.hint(r.data().replaceFirst(":\\d+$", "")));
                    case DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA -> names.add(Printable.hint(r.name()));
                    case DnsMessage.TYPE_TXT -> {
                        for (String kv : r.txt()) {
                            if (txt.size() < MAX_TXT) txt.add(Printable.hint(kv));
                            int eq = kv.indexOf('=');
                            if (eq > 0 && MODEL_KEYS.contains(kv.substring(0, eq).toLowerCase(Locale.ROOT))) {
                                hints.putIfAbsent(HINT_MODEL, Printable.hint(kv.substring(eq + 1)));
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (!services.isEmpty()) hints.put(HINT_SERVICE, String.join(", ", services));
        if (!instances.isEmpty()) hints.put(HINT_INSTANCE, Printable.hint(String.join("; ", instances)));
        if (!txt.isEmpty()) hints.put(HINT_TXT, Printable.hint(String.join("; ", txt)));
        return new Summary(List.copyOf(names), hints);
    }

    private static String bare(String type) {
        return type.toLowerCase(Locale.ROOT).replaceFirst("\\.local$", "");
    }
}
