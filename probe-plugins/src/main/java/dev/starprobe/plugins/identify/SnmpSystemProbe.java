package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.discovery.SnmpSystemGroup;
import dev.starprobe.spi.ServiceProbe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads the SNMP system group of a port that already answered the port scan's read-only v2c or v1 GET
 * with community "public", in the version it answered: what the agent says it is (sysDescr, sysObjectID,
 * sysName) becomes attributes under the discovery hint keys. An agent that only answered v3 engine discovery is left alone: it has shown
 * no community to read with.
 */
public final class SnmpSystemProbe implements ServiceProbe {
    static final Duration WAIT = Duration.ofMillis(800);

    @Override
    public String id() {
        return "snmp-system";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.UDP && "snmp".equals(service.protocol())
                && SnmpSystemGroup.publicReadVersion(service).isPresent()
                && !service.attributes().containsKey(SnmpSystemGroup.KEY_DESCR);
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        int version = SnmpSystemGroup.publicReadVersion(service).orElseThrow();
        return ctx.net().udp(service.port()).thenCompose(s -> s.send(SnmpSystemGroup.request(version, SnmpSystemGroup.COMMUNITY, id))
                        .thenCompose(v -> s.receive(WAIT)).whenComplete((r, e) -> s.close()))
                .thenApply(reply -> SnmpSystemGroup.read(reply, id).map(values -> {
                    Map<String, String> attrs = new LinkedHashMap<>(service.attributes());
                    attrs.putAll(values);
                    return service.identified(service.protocol(), service.tls(), service.product(), service.version(),
                            service.banner(), attrs);
                }));
    }
}
