package dev.starprobe.spi;

import dev.starprobe.model.Device;
import dev.starprobe.model.Service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Identifies what answers on an open port. Probes run in ascending {@link #order()} (cheap and
 * passive first, like nmap's rarity) until one identifies the service.
 */
public interface ServiceProbe {
    String id();

    int order();

    boolean appliesTo(Service service);

    /** Empty when this probe cannot tell; the next probe is tried. */
    CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service);

    interface ProbeContext {
        Device device();

        Network net();

        Executor blockingExecutor();

        java.time.Duration ioTimeout();
    }
}
