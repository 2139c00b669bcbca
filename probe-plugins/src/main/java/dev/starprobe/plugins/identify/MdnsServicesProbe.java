package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.discovery.DnsSd;
import dev.starprobe.spi.DatagramSession;
import dev.starprobe.spi.ServiceProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a device's own mDNS responder (unicast to its port 5353, RFC 6762 §6.7) which DNS-SD services it
 * advertises, then for their instances: the types, instance names, TXT strings and model become the
 * service's attributes under the same keys discovery uses as hints. This is how a companion app finds the
 * device, so even a locked-down unit usually says here what it is. Two read-only queries.
 */
public final class MdnsServicesProbe implements ServiceProbe {
    static final Duration WAIT = Duration.ofMillis(800);

    @Override
    public String id() {
        return "mdns-services";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.UDP && "mdns".equals(service.protocol())
                && !service.attributes().containsKey(DnsSd.HINT_SERVICE);
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        int id = ThreadLocalRandom.current().nextInt(1, 0xffff);
        return ctx.net().udp(service.port()).thenCompose(s -> ask(s, id).whenComplete((r, e) -> s.close()))
                .thenApply(replies -> {
                    DnsSd.Summary summary = DnsSd.summarize(replies);
                    if (summary.isEmpty()) return Optional.empty();
                    Map<String, String> attrs = new LinkedHashMap<>(service.attributes());
                    attrs.putAll(summary.hints());
                    return Optional.of(service.identified(service.protocol(), service.tls(), service.product(),
                            service.version(), service.banner(), attrs));
                });
    }

    private static CompletionStage<List<byte[]>> ask(DatagramSession s, int id) {
        List<byte[]> replies = new ArrayList<>();
        return s.send(DnsSd.servicesQuery(id)).thenCompose(v -> s.receive(WAIT)).thenCompose(first -> {
            replies.add(first);
            List<String> types = DnsSd.serviceTypes(List.of(first));
            if (types.isEmpty()) return CompletableFuture.completedFuture(replies);
            return s.send(DnsSd.instancesQuery(id + 1, types)).thenCompose(v -> s.receive(WAIT))
                    .handle((second, e) -> {
                        // the types alone still say something when the instance query goes unanswered
                        if (second != null) replies.add(second);
                        return replies;
                    });
        });
    }
}
