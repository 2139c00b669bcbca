package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Session;
import dev.starprobe.spi.Transcript;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A TCP session over a Netty channel. Inbound bytes collect in a bounded buffer; when it is full,
 * reading from the socket pauses (TCP backpressure), so a flooding device cannot exhaust memory.
 * All buffer state is touched only on the channel's event loop.
 */
public class NettySession extends ChannelInboundHandlerAdapter implements Session {
    private final BoundedTranscript transcript;
    private final int bufferCap;
    private final Duration ioTimeout;
    private final Runnable onClose;
    private Channel channel;
    // heap buffer, left to the GC: no reference counting to get wrong on racy closes
    private final ByteBuf buffer = Unpooled.buffer();
    private boolean eof;
    private Throwable error;
    private PendingRead pending;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** How long a graceful close waits for the device's FIN before closing anyway. */
    static final long CLOSE_GRACE_MILLIS = 1000;
    private boolean closing;

    private record PendingRead(CompletableFuture<byte[]> future, int max, byte[] delimiter, ScheduledFuture<?> timeout) {
    }

    public NettySession(BoundedTranscript transcript, int bufferCap, Duration ioTimeout, Runnable onClose) {
        this.transcript = transcript;
        this.bufferCap = bufferCap;
        this.ioTimeout = ioTimeout;
        this.onClose = onClose;
    }

    /** Called once the channel is connected (and the handshake, if any, is done). */
    void attach(Channel ch) {
        this.channel = ch;
        ch.closeFuture().addListener(f -> {
            closed.complete(null);
            onClose.run();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf in) {
                byte[] bytes = new byte[in.readableBytes()];
                in.readBytes(bytes);
                transcript.received(bytes);
                buffer.writeBytes(bytes);
                if (buffer.readableBytes() >= bufferCap) {
                    ctx.channel().config().setAutoRead(false);
                }
                satisfy();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        eof = true;
        transcript.event("closed by peer or locally");
        satisfy();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error = cause;
        transcript.event("error: " + cause);
        satisfy();
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            eof = true;
            satisfy();
            if (closing) ctx.close(); // the device closed its side after our FIN: the slot is free
        }
        super.userEventTriggered(ctx, evt);
    }

    private void satisfy() {
        PendingRead p = pending;
        if (p == null) return;
        byte[] out = takeFor(p);
        if (out == null) return;
        pending = null;
        if (p.timeout != null) p.timeout.cancel(false);
        if (out.length == 0 && error != null && !eof) {
            p.future.completeExceptionally(Failures.toNetworkException(error));
        } else {
            p.future.complete(out);
        }
        if (!channel.config().isAutoRead() && buffer.readableBytes() < bufferCap && channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }

    /** The bytes that satisfy the read now, or null to keep waiting. */
    private byte[] takeFor(PendingRead p) {
        int n = buffer.readableBytes();
        boolean done = eof || error != null;
        if (p.delimiter == null) {
            if (n > 0) return take(Math.min(n, p.max));
            return done ? new byte[0] : null;
        }
        int idx = indexOf(buffer, p.delimiter);
        if (idx >= 0 && idx + p.delimiter.length <= p.max) return take(idx + p.delimiter.length);
        if (n >= p.max) return take(p.max);
        if (done) return take(n);
        return null;
    }

    private byte[] take(int n) {
        byte[] b = new byte[n];
        buffer.readBytes(b);
        buffer.discardReadBytes();
        return b;
    }

    private static int indexOf(ByteBuf buf, byte[] d) {
        int start = buf.readerIndex();
        int end = buf.writerIndex() - d.length;
        outer:
        for (int i = start; i <= end; i++) {
            for (int j = 0; j < d.length; j++) {
                if (buf.getByte(i + j) != d[j]) continue outer;
            }
            return i - start;
        }
        return -1;
    }

    @Override
    public InetSocketAddress remote() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public CompletionStage<Void> write(byte[] data) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!channel.isActive()) {
            f.completeExceptionally(new NetworkException(NetworkFailure.RESET, "connection closed"));
            return f;
        }
        transcript.sent(data);
        channel.writeAndFlush(Unpooled.wrappedBuffer(data)).addListener(w -> {
            if (w.isSuccess()) f.complete(null);
            else f.completeExceptionally(Failures.toNetworkException(w.cause()));
        });
        return f;
    }

    @Override
    public CompletionStage<byte[]> read(int maxBytes, Duration timeout) {
        return enqueue(maxBytes, null, timeout);
    }

    @Override
    public CompletionStage<byte[]> readUntil(byte[] delimiter, int maxBytes, Duration timeout) {
        return enqueue(maxBytes, delimiter, timeout);
    }

    private CompletionStage<byte[]> enqueue(int max, byte[] delimiter, Duration timeout) {
        if (max < 1) throw new IllegalArgumentException("maxBytes must be >= 1");
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (pending != null) {
                f.completeExceptionally(new IllegalStateException("a read is already pending on this session"));
                return;
            }
            ScheduledFuture<?> t = channel.eventLoop().schedule(() -> onTimeout(f, timeout),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            pending = new PendingRead(f, max, delimiter, t);
            satisfy();
        });
        return f;
    }

    private void onTimeout(CompletableFuture<byte[]> f, Duration timeout) {
        PendingRead p = pending;
        if (p == null || p.future != f) return;
        pending = null;
        if (p.delimiter != null && buffer.readableBytes() > 0) {
            f.complete(take(Math.min(buffer.readableBytes(), p.max)));
        } else {
            f.completeExceptionally(new NetworkException(NetworkFailure.IO_TIMEOUT,
                    "no data from " + channel.remoteAddress() + " within " + timeout.toMillis() + " ms"));
        }
    }

    @Override
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                byte[] got = await(NettySession.this.read(len, ioTimeout));
                if (got.length == 0) return -1;
                System.arraycopy(got, 0, b, off, got.length);
                return got.length;
            }
        };
    }

    @Override
    public OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                await(NettySession.this.write(java.util.Arrays.copyOfRange(b, off, off + len)));
            }
        };
    }

    private <T> T await(CompletionStage<T> stage) throws IOException {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("blocking stream used on the event loop");
        }
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw Failures.toNetworkException(e);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    public CompletionStage<Void> closeFuture() {
        return closed;
    }

    /**
     * Graceful close: send FIN, then wait (bounded) for the device to close its side before the
     * connection slot is released. A fragile device frees its slot only when it closes, so counting
     * the connection until then is what keeps it within its connection budget.
     */
    @Override
    public void close() {
        channel.eventLoop().execute(() -> {
            if (closing) return;
            closing = true;
            if (!channel.isActive() || eof || !(channel instanceof io.netty.channel.socket.DuplexChannel duplex)) {
                channel.close();
                return;
            }
            duplex.shutdownOutput().addListener(f -> channel.eventLoop().schedule(
                    () -> { channel.close(); }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
        });
    }
}
