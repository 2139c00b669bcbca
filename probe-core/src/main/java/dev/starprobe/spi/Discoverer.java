package dev.starprobe.spi;

import dev.starprobe.model.Device;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Finds devices on the test network (ARP, multicast, UDP probes). Sends only through the context. */
public interface Discoverer {
    String id();

    Safety safety();

    CompletionStage<List<Device>> discover(DiscoveryContext ctx);
}
