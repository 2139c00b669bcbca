package dev.starprobe.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns everything that touches the network for one scan: the Netty event loops (epoll where the
 * kernel offers it, NIO otherwise), the scope guard, the global and per-device connection limiters
 * and the bounded pool for blocking client libraries.
 */
public final class NetworkRuntime implements AutoCloseable {
    private final NetSettings settings;
    private final ScopeGuard guard;
    private final EventLoopGroup group;
    private final EventLoopGroup datagramGroup;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;
    private final ScheduledExecutorService timer;
    private final ExecutorService blocking;
    private final ConnectionLimiter global;
    private final ConcurrentHashMap<InetAddress, ConnectionLimiter> perDevice = new ConcurrentHashMap<>();

    public NetworkRuntime(NetSettings settings, ScopeGuard guard) {
        this.settings = settings;
        this.guard = guard;
        boolean epoll = settings.preferEpoll() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(settings.eventLoopThreads(), daemonThreads("sp-io"), io);
        this.socketChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        // UDP always on NIO, on loops of its own: with the native transport, probes to closed UDP ports (ICMP
        // port unreachable) were seen leaving an event loop blocked for good in a datagram read, which froze
        // every connection of that loop and a whole-lab scan with them; NIO's JDK-managed sockets never did
        this.datagramChannel = NioDatagramChannel.class;
        this.datagramGroup = epoll
                ? new MultiThreadIoEventLoopGroup(1, daemonThreads("sp-udp"), NioIoHandler.newFactory()) : group;
        // timeouts are scheduled by the hundred thousand in a full scan and nearly all cancelled: a cancelled
        // one must leave the queue at once, not 120 s later
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, daemonThreads("sp-timer"));
        timerPool.setRemoveOnCancelPolicy(true);
        this.timer = timerPool;
        // threads are made as blocking work arrives and let go when idle: the per-device gates bound how much
        // runs at once, and a check queued here would spend its time budget waiting for a thread
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.blockingThreads(), settings.blockingThreads(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("sp-blocking"));
        pool.allowCoreThreadTimeOut(true);
        this.blocking = pool;
        this.global = new ConnectionLimiter(settings.globalMaxInFlight(), settings.globalPerSecond(), 0, timer);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Network access to one device, with its politeness budget shared by every caller. */
    public DeviceNetwork forDevice(InetAddress device, String requestedBy) {
        return new DeviceNetwork(this, device, requestedBy);
    }

    /** The politeness budget of one device (shared by every requester). */
    public ConnectionLimiter limiterFor(InetAddress device) {
        return perDevice.computeIfAbsent(device, d -> new ConnectionLimiter(settings.maxInFlightPerDevice(),
                settings.perSecondPerDevice(), settings.minGapNanos(), timer));
    }

    public ConnectionLimiter globalLimiter() {
        return global;
    }

    public ScopeGuard guard() {
        return guard;
    }

    public NetSettings settings() {
        return settings;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** The loops UDP sessions run on. */
    public EventLoopGroup datagramGroup() {
        return datagramGroup;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public ExecutorService blockingExecutor() {
        return blocking;
    }

    public boolean usesEpoll() {
        return socketChannel == EpollSocketChannel.class;
    }

    @Override
    public void close() {
        blocking.shutdownNow();
        timer.shutdownNow();
        if (datagramGroup != group) datagramGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
