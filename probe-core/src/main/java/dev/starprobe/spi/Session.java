package dev.starprobe.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A byte stream to a device. Reads are capped: a device that floods cannot exhaust memory, and one
 * that stalls cannot hold a check forever. Failures complete stages with {@link NetworkException}.
 */
public interface Session extends AutoCloseable {
    InetSocketAddress remote();

    InetSocketAddress local();

    CompletionStage<Void> write(byte[] data);

    /**
     * Completes with the bytes available (at least one, at most {@code maxBytes}), with an empty
     * array at end of stream, or fails with IO_TIMEOUT.
     */
    CompletionStage<byte[]> read(int maxBytes, Duration timeout);

    /**
     * Reads until {@code delimiter} was seen, the peer closed, or {@code maxBytes} were read;
     * completes with what was read (possibly without the delimiter). Fails only when nothing at all
     * arrived within the timeout.
     */
    CompletionStage<byte[]> readUntil(byte[] delimiter, int maxBytes, Duration timeout);

    /** Blocking views for libraries that want streams; never use them on an event loop. */
    InputStream inputStream();

    OutputStream outputStream();

    boolean isOpen();

    /** What was sent and received, for evidence. */
    Transcript transcript();

    @Override
    void close();
}
