package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.DatagramSession;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Transcript;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A connected UDP socket towards one device port. At most {@link #QUEUE_CAP} unread datagrams are
 * kept (a flooding device drops the rest), and datagrams from other senders never arrive.
 */
final class NettyDatagramSession extends SimpleChannelInboundHandler<DatagramPacket> implements DatagramSession {
    static final int QUEUE_CAP = 64;

    private final InetSocketAddress remote;
    private final BoundedTranscript transcript;
    private final DeviceNetwork.PermitPair permits;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private CompletableFuture<byte[]> waiter;
    private Channel channel;

    private NettyDatagramSession(InetSocketAddress remote, BoundedTranscript transcript, DeviceNetwork.PermitPair permits) {
        this.remote = remote;
        this.transcript = transcript;
        this.permits = permits;
    }

    static CompletionStage<NettyDatagramSession> open(NetworkRuntime rt, InetSocketAddress remote,
                                                      DeviceNetwork.PermitPair permits) {
        NettyDatagramSession s = new NettyDatagramSession(remote,
                new BoundedTranscript(remote.getAddress().getHostAddress() + ":" + remote.getPort() + "/udp",
                        rt.settings().transcriptCap()), permits);
        CompletableFuture<NettyDatagramSession> f = new CompletableFuture<>();
        new Bootstrap().group(rt.datagramGroup()).channel(rt.datagramChannel()).handler(s)
                .connect(remote).addListener((io.netty.channel.ChannelFutureListener) cf -> {
                    if (!cf.isSuccess()) {
                        f.completeExceptionally(cf.cause());
                        return;
                    }
                    s.channel = cf.channel();
                    cf.channel().closeFuture().addListener(x -> permits.close());
                    f.complete(s);
                });
        return f;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
        if (!remote.equals(msg.sender())) return;
        ByteBuf c = msg.content();
        byte[] b = new byte[c.readableBytes()];
        c.readBytes(b);
        transcript.received(b);
        if (waiter != null) {
            CompletableFuture<byte[]> w = waiter;
            waiter = null;
            w.complete(b);
        } else if (queue.size() < QUEUE_CAP) {
            queue.add(b);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable surfaces here on connected sockets
        transcript.event("error: " + cause);
        if (waiter != null) {
            CompletableFuture<byte[]> w = waiter;
            waiter = null;
            w.completeExceptionally(Failures.toNetworkException(cause));
        }
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public CompletionStage<Void> send(byte[] datagram) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        transcript.sent(datagram);
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), remote)).addListener(w -> {
            if (w.isSuccess()) f.complete(null);
            else f.completeExceptionally(Failures.toNetworkException(w.cause()));
        });
        return f;
    }

    @Override
    public CompletionStage<byte[]> receive(Duration timeout) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!queue.isEmpty()) {
                f.complete(queue.poll());
                return;
            }
            if (waiter != null) {
                f.completeExceptionally(new IllegalStateException("a receive is already pending"));
                return;
            }
            waiter = f;
            channel.eventLoop().schedule(() -> {
                if (waiter == f) {
                    waiter = null;
                    f.completeExceptionally(new NetworkException(NetworkFailure.IO_TIMEOUT,
                            "no datagram from " + remote + " within " + timeout.toMillis() + " ms"));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        });
        return f;
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void close() {
        if (channel != null) channel.close();
        else permits.close();
    }
}
