package dev.starprobe.spi;

import java.util.concurrent.CompletionStage;


/**
 * A test of one property of a device or service. Register an implementation in
 * {@code META-INF/services/dev.starprobe.spi.Check}; the engine finds it on the classpath or in the
 * plugins folder. A check never opens sockets itself: it asks {@link CheckContext#net()}.
 */
public interface Check {
    CheckDescriptor descriptor();

    /** Narrower than the descriptor's filters when a check needs to look at the target itself. */
    default Applicability appliesTo(CheckTarget target) {
        return descriptor().applicability(target);
    }

    /** Runs asynchronously; must not block the calling thread (see {@link BlockingCheck}). */
    CompletionStage<CheckOutcome> run(CheckContext ctx);
}
