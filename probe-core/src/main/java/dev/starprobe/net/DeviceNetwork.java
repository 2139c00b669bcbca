package dev.starprobe.net;

import dev.starprobe.spi.DatagramSession;
import dev.starprobe.spi.Network;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Session;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

/**
 * Network access on behalf of one requester (a check, a probe) towards one device. Every connection
 * passes the scope guard, then waits for a per-device and a global permit, and is tracked so the
 * engine can close whatever the requester left open.
 */
public final class DeviceNetwork implements Network, AutoCloseable {
    private final NetworkRuntime rt;
    private final InetAddress device;
    private final String requestedBy;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    /** Permit requests still waiting: cancelled when the requester ends, so no slot is granted to nobody. */
    private final List<CompletableFuture<?>> waiting = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** How many connect timeouts a request may wait for a free slot of the device. */
    static final int SLOT_WAIT_CONNECT_TIMEOUTS = 40;
    private final List<Object> opened = new CopyOnWriteArrayList<>();

    DeviceNetwork(NetworkRuntime rt, InetAddress device, String requestedBy) {
        this.rt = rt;
        this.device = device;
        this.requestedBy = requestedBy;
    }

    public InetAddress device() {
        return device;
    }

    @Override
    public CompletionStage<Session> tcp(int port) {
        return tcp(new InetSocketAddress(device, port));
    }

    @Override
    public CompletionStage<Session> tcp(InetSocketAddress address) {
        return connect(address, null).thenApply(s -> s);
    }

    /** Connects and completes with a session, or fails with a classified {@link NetworkException}. */
    CompletionStage<NettySession> connect(InetSocketAddress address, ChannelInitializer<SocketChannel> extra) {
        return permitsFor(address.getAddress()).thenCompose(permits -> {
            NetSettings s = rt.settings();
            NettySession session = new NettySession(
                    new BoundedTranscript(address.getAddress().getHostAddress() + ":" + address.getPort(), s.transcriptCap()),
                    s.readBufferCap(), s.ioTimeout(), permits::close);
            CompletableFuture<NettySession> result = new CompletableFuture<>();
            tcpBootstrap(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (extra != null) ch.pipeline().addLast(extra);
                    ch.pipeline().addLast("session", session);
                }
            }).option(ChannelOption.ALLOW_HALF_CLOSURE, true).option(ChannelOption.TCP_NODELAY, true)
                    .connect(address).addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            permits.close();
                            result.completeExceptionally(connectFailure(address, f.cause()));
                            return;
                        }
                        session.attach(f.channel());
                        ((BoundedTranscript) session.transcript()).event("connected from " + f.channel().localAddress());
                        track(session);
                        result.complete(session);
                    });
            return result;
        });
    }

    /**
     * Opens and immediately closes a TCP connection (connect scan). Completes normally when the
     * port accepted, exceptionally with a classified {@link NetworkException} otherwise.
     */
    public CompletionStage<Void> connectOnly(int port) {
        InetSocketAddress address = new InetSocketAddress(device, port);
        return permitsFor(device).thenCompose(permits -> {
            CompletableFuture<Void> result = new CompletableFuture<>();
            tcpBootstrap(new ChannelInboundHandlerAdapter()).connect(address).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    permits.close();
                    result.completeExceptionally(connectFailure(address, f.cause()));
                    return;
                }
                f.channel().close().addListener(c -> permits.close());
                result.complete(null);
            });
            return result;
        });
    }

    @Override
    public CompletionStage<DatagramSession> udp(int port) {
        InetSocketAddress address = new InetSocketAddress(device, port);
        return permitsFor(device).thenCompose(permits -> NettyDatagramSession.open(rt, address, permits)
                .handle((s, e) -> {
                    if (e != null) {
                        permits.close();
                        throw new CompletionException(Failures.toNetworkException(e));
                    }
                    track(s);
                    return (DatagramSession) s;
                }));
    }

    private Bootstrap tcpBootstrap(io.netty.channel.ChannelHandler handler) {
        return new Bootstrap().group(rt.group()).channel(rt.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) rt.settings().connectTimeout().toMillis())
                .handler(handler);
    }

    private static NetworkException connectFailure(InetSocketAddress address, Throwable cause) {
        return new NetworkException(Failures.classify(cause), address + ": " + cause.getMessage(), cause);
    }

    /**
     * The scope guard first (nothing is sent to a refused address), then a per-device permit, then
     * a global one: waiting on a busy device must not hold a global slot.
     */
    CompletionStage<PermitPair> permitsFor(InetAddress target) {
        try {
            rt.guard().check(target, requestedBy);
        } catch (OutOfScopeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return acquirePermits(target);
    }

    /**
     * Per-device permit first: waiting on a busy device must not hold a global slot. A permit granted
     * after the requester ended (a check past its budget) is handed straight back: otherwise every
     * timed-out wait would leak a slot and starve the device.
     */
    CompletionStage<PermitPair> acquirePermits(InetAddress target) {
        // bounded: a device whose slots stay taken (a stalled peer, a library holding sockets) ends this
        // wait as a connect timeout the caller reports, never as a scan that hangs; a pair granted after
        // that goes straight back
        long waitMillis = rt.settings().connectTimeout().toMillis() * SLOT_WAIT_CONNECT_TIMEOUTS;
        CompletableFuture<PermitPair> out = new CompletableFuture<>();
        queuedPermits(target).whenComplete((pair, err) -> {
            if (pair != null) {
                if (!out.complete(pair)) pair.close();
            } else {
                out.completeExceptionally(err);
            }
        });
        // on the runtime's timer, cancelled once the wait ends: a full port scan asks for 65,535 slots, and
        // one pending timeout task (or one thread, as the JDK's delayed executor makes on two cores) per
        // request is what once turned this bound into a scan that never ended
        ScheduledFuture<?> bound;
        try {
            bound = rt.timer().schedule(() -> out.completeExceptionally(new NetworkException(
                    dev.starprobe.model.NetworkFailure.CONNECT_TIMEOUT, "no connection slot to " + target.getHostAddress()
                    + " within " + waitMillis + " ms: the device's " + rt.settings().maxInFlightPerDevice()
                    + " slots stayed busy")), waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            out.completeExceptionally(new NetworkException(dev.starprobe.model.NetworkFailure.OTHER,
                    "the scan's network runtime has shut down"));
            return out;
        }
        out.whenComplete((p, e) -> bound.cancel(false));
        return out;
    }

    private CompletionStage<PermitPair> queuedPermits(InetAddress target) {
        ConnectionLimiter host = rt.limiterFor(target);
        return waitFor(host.acquire()).thenCompose(h -> waitFor(rt.globalLimiter().acquire()).handle((g, err) -> {
            if (err != null) {
                h.close();
                throw err instanceof CompletionException ce ? ce : new CompletionException(err);
            }
            return new PermitPair(h, g);
        })).thenApply(pair -> {
            if (closed) {
                pair.close();
                throw new CompletionException(new NetworkException(dev.starprobe.model.NetworkFailure.OTHER,
                        requestedBy + " ended before a connection slot to " + target.getHostAddress() + " was free"));
            }
            return pair;
        });
    }

    private <T extends AutoCloseable> CompletableFuture<T> waitFor(CompletionStage<T> permit) {
        CompletableFuture<T> f = permit.toCompletableFuture();
        if (closed) f.cancel(false);
        waiting.add(f);
        f.whenComplete((p, e) -> {
            waiting.remove(f);
            if (p != null && closed) {
                try {
                    p.close();
                } catch (Exception ignored) {
                    // handing a permit back cannot fail meaningfully
                }
            }
        });
        return f;
    }

    /** Gives back a permit request that its caller stopped waiting for, whenever it is granted. */
    static void abandon(CompletionStage<PermitPair> request) {
        request.toCompletableFuture().whenComplete((p, e) -> {
            if (p != null) p.close();
        });
    }

    record PermitPair(ConnectionLimiter.Permit host, ConnectionLimiter.Permit global) implements AutoCloseable {
        @Override
        public void close() {
            global.close();
            host.close();
        }
    }

    @Override
    public javax.net.SocketFactory socketFactory() {
        return new GuardedSocketFactory(this);
    }

    @Override
    public void admit(InetSocketAddress destination) throws NetworkException {
        rt.guard().check(destination.getAddress(), requestedBy);
    }

    @Override
    public CompletionStage<AutoCloseable> reserve() {
        return permitsFor(device).thenApply(p -> {
            track(p);
            return (AutoCloseable) p;
        });
    }

    @Override
    public dev.starprobe.spi.TranscriptRecorder recorder(String peer) {
        BoundedTranscript t = new BoundedTranscript(peer, rt.settings().transcriptCap());
        opened.add(t);
        return t;
    }

    @Override
    public List<dev.starprobe.spi.Transcript> transcripts() {
        List<dev.starprobe.spi.Transcript> out = new java.util.ArrayList<>();
        for (Object c : opened) {
            if (c instanceof Session s) out.add(s.transcript());
            else if (c instanceof DatagramSession d) out.add(d.transcript());
            else if (c instanceof GuardedSocketFactory.GuardedSocket g && g.transcript() != null) out.add(g.transcript());
            else if (c instanceof BoundedTranscript t) out.add(t);
        }
        return out;
    }

    NetworkRuntime runtime() {
        return rt;
    }

    String requestedBy() {
        return requestedBy;
    }

    void track(AutoCloseable c) {
        opened.add(c);
        boolean ended;
        // with close(): a session is either in the list close() empties, or sees the requester ended
        synchronized (open) {
            ended = closed;
            if (!ended) open.add(c);
        }
        if (ended) {
            // opened for a requester that already ended: close it now rather than hold its slot forever
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing left to report for a finished requester
            }
        }
    }

    /** Closes every session this requester opened and did not close. */
    @Override
    public void close() {
        synchronized (open) {
            closed = true;
        }
        for (CompletableFuture<?> f : waiting) f.cancel(false);
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing on behalf of a finished check: nothing left to report
            }
        }
        open.clear();
    }
}
