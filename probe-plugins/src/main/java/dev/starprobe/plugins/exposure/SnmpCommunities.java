package dev.starprobe.plugins.exposure;

import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.SnmpSystemGroup;
import dev.starprobe.plugins.discovery.SnmpWalk;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.DatagramSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Walks the SNMP columns that hold credentials (SNMP-COMMUNITY-MIB's snmpCommunityName) with the read
 * community the agent already accepted during identification: an agent whose view includes them tells
 * anyone who knows "public" every other community, the read-write one included. Bounded GETNEXT steps.
 */
final class SnmpCommunities {
    static final Duration WAIT = Duration.ofMillis(800);

    private final DisclosureRules rules;

    SnmpCommunities(DisclosureRules rules) {
        this.rules = rules;
    }

    static boolean applies(Service s) {
        return "snmp".equals(s.protocol()) && SnmpSystemGroup.COMMUNITY.equals(s.attributes().get(SnmpSystemGroup.KEY_COMMUNITY));
    }

    void examine(CheckContext ctx, Service s, ServiceDisclosure d) throws Exception {
        String community = SnmpSystemGroup.COMMUNITY;
        d.asked = "GETNEXT of " + rules.snmpSecretColumns.size() + " credential column(s) with community '" + community + "'";
        try (DatagramSession udp = ctx.net().udp(s.port()).toCompletableFuture().get(WAIT.toMillis() * 4, TimeUnit.MILLISECONDS)) {
            for (Map.Entry<String, String> column : rules.snmpSecretColumns.entrySet()) {
                List<DisclosureRules.Secret> secrets = new ArrayList<>();
                StringBuilder rows = new StringBuilder();
                String at = column.getKey();
                int n = 0;
                for (; n < rules.snmpMaxRows; n++) {
                    int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
                    udp.send(SnmpWalk.nextRequest(community, id, at)).toCompletableFuture().get();
                    Optional<Map.Entry<String, String>> next = receive(udp, id);
                    if (next.isEmpty() || !next.get().getKey().startsWith(column.getKey() + ".")) break;
                    at = next.get().getKey();
                    String value = next.get().getValue();
                    rows.append(at).append(" = ").append(value).append('\n');
                    if (!value.equals(community) && value.length() >= 3) {
                        secrets.add(new DisclosureRules.Secret("SNMP community", column.getValue(), value));
                    }
                }
                d.examined.add(column.getValue() + " read with community '" + community + "' (" + n + " row(s))");
                d.leak(column.getValue() + " read with community '" + community + "'", secrets, rows.toString());
            }
        }
    }

    private static Optional<Map.Entry<String, String>> receive(DatagramSession udp, int id) {
        try {
            return SnmpWalk.next(udp.receive(WAIT).toCompletableFuture().get(), id);
        } catch (Exception silent) {
            return Optional.empty(); // no answer: the column is not in the view
        }
    }
}
