package dev.starprobe.engine;

import dev.starprobe.model.Inventory;
import dev.starprobe.net.InterfaceResolver;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.LinkInfo;
import dev.starprobe.spi.Safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Discovery on its own: what is on this network, with what each method learned. */
public final class DiscoveryEngine {
    private final List<Discoverer> discoverers;

    public DiscoveryEngine(List<Discoverer> discoverers) {
        this.discoverers = List.copyOf(discoverers);
    }

    /** @throws IllegalArgumentException for a bad interface, target, scope or method (message fit for the user) */
    public Inventory run(DiscoveryRequest req) {
        Instant started = Instant.now();
        DiscoveryPlan plan = req.plan();
        new DiscoveryStage(discoverers).select(plan.methods()); // unknown methods fail before anything is sent
        LinkInfo link = plan.interfaceName() == null ? null : InterfaceResolver.resolve(plan.interfaceName());
        List<String> targets = req.targets();
        if (targets.isEmpty()) {
            if (link == null) throw new IllegalArgumentException("give the network to sweep (--cidr) or an interface (--interface)");
            targets = List.of(link.cidr());
        }
        TargetResolver.Resolved resolved = new TargetResolver().resolve(targets, req.scope(), req.allowPublic());
        List<String> warnings = new ArrayList<>();
        try (NetworkRuntime rt = new NetworkRuntime(req.net(), resolved.guard())) {
            DiscoveryStage.Result r = new DiscoveryStage(discoverers).run(rt, resolved.addresses(), plan, link, Set.of(Safety.SAFE));
            r.methods().stream().filter(m -> m.status() != dev.starprobe.model.ExecutionStatus.COMPLETED)
                    .forEach(m -> warnings.add(m.method() + ": " + m.status() + ": " + m.message()));
            return new Inventory(started, Instant.now(), link == null ? null : link.name(),
                    resolved.guard().scope().stream().map(Object::toString).toList(), r.methods(), r.devices(),
                    resolved.guard().refusals(), warnings);
        }
    }
}
