package dev.starprobe.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Base for checks written in blocking style (client libraries such as Paho, OkHttp, Bouncy Castle's
 * TLS protocol). The engine runs them on its blocking pool, never on an event loop. When the check's
 * budget ends the engine cancels the returned stage: the thread running the check is interrupted, so
 * a check waiting on a lock, a queue, a sleep or a future gives its thread back instead of keeping it.
 */
public abstract class BlockingCheck implements Check {

    @Override
    public final CompletionStage<CheckOutcome> run(CheckContext ctx) {
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<CheckOutcome> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled && mayInterruptIfRunning) {
                    synchronized (runner) {
                        Thread t = runner.get();
                        if (t != null) t.interrupt();
                    }
                }
                return cancelled;
            }
        };
        ctx.blockingExecutor().execute(() -> {
            if (out.isDone()) return; // its budget ended while it waited for a thread
            runner.set(Thread.currentThread());
            try {
                // a cancel between the check above and set() found no thread to interrupt
                if (out.isCancelled()) return;
                out.complete(runBlocking(ctx));
            } catch (Exception e) {
                out.completeExceptionally(new CompletionException(e));
            } catch (Error e) {
                out.completeExceptionally(e);
                throw e;
            } finally {
                // the interrupt is meant for this check only, never for the next task of the pooled thread
                synchronized (runner) {
                    runner.set(null);
                    Thread.interrupted();
                }
            }
        });
        return out;
    }

    protected abstract CheckOutcome runBlocking(CheckContext ctx) throws Exception;
}
