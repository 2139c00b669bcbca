package dev.starprobe.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Base for checks written in blocking style (client libraries such as Paho, OkHttp, Bouncy Castle's
 * TLS protocol). The engine runs them on its bounded blocking pool, never on an event loop.
 */
public abstract class BlockingCheck implements Check {

    @Override
    public final CompletionStage<CheckOutcome> run(CheckContext ctx) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runBlocking(ctx);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ctx.blockingExecutor());
    }

    protected abstract CheckOutcome runBlocking(CheckContext ctx) throws Exception;
}
