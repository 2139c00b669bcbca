package dev.starprobe.plugins.tls;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.net.Failures;
import dev.starprobe.spi.NetworkException;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Blocking waits on the engine's asynchronous sessions, for code that runs on the blocking pool. */
public final class Await {
    private Await() {
    }

    public static <T> T of(CompletionStage<T> stage) throws NetworkException, InterruptedIOException {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable t = Failures.unwrap(e);
            if (t instanceof NetworkException ne) throw ne;
            throw new NetworkException(t instanceof java.io.IOException ? Failures.classify(t) : NetworkFailure.OTHER,
                    String.valueOf(t.getMessage()), t);
        }
    }
}
