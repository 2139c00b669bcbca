package dev.starprobe.lab.net;

import dev.starprobe.lab.TrafficLog;
import dev.starprobe.model.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Owns everything one device runs: a one-thread Netty event loop named {@code lab-<device>}, its bound
 * server channels, the accepted connections, and third-party servers (Californium, sshd, snmp4j). Closing
 * it unbinds every port and ends every thread it started.
 */
public final class DeviceRuntime implements AutoCloseable {
    /** A bound (transport, port) pair, the runtime view of a ServiceTruth. */
    public record Bound(Transport transport, int port) {}

    private record TcpBinding(int port, String service, Consumer<SocketChannel> init) {}

    private final String device;
    private final InetAddress address;
    private final TrafficLog log;
    private final EventLoopGroup group;
    private final List<TcpBinding> tcpBindings = new CopyOnWriteArrayList<>();
    private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
    private final List<Channel> udpChannels = new CopyOnWriteArrayList<>();
    private final Set<Channel> children = ConcurrentHashMap.newKeySet();
    private final Deque<AutoCloseable> extras = new ConcurrentLinkedDeque<>();
    private final Set<Bound> bound = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile java.util.function.Supplier<ChannelHandler> connectionFilter;

    public DeviceRuntime(String device, InetAddress address, TrafficLog log) {
        this.device = device;
        this.address = address;
        this.log = log;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadPrefix(device), true),
                NioIoHandler.newFactory());
    }

    /** Every thread a device starts has a name beginning with this (Netty) or contains the device name. */
    public static String threadPrefix(String device) {
        return "lab-" + device;
    }

    public String device() {
        return device;
    }

    public InetAddress address() {
        return address;
    }

    public TrafficLog log() {
        return log;
    }

    /** Binds a TCP server; each accepted connection is recorded, then handed to {@code init} for its pipeline. */
    public Channel bindTcp(int port, String service, Consumer<SocketChannel> init) throws InterruptedException {
        TcpBinding b = new TcpBinding(port, service, init);
        Channel ch = bind(b);
        tcpBindings.add(b);
        bound.add(new Bound(Transport.TCP, port));
        return ch;
    }

    private Channel bind(TcpBinding b) throws InterruptedException {
        ServerBootstrap sb = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.closeFuture().addListener(f -> children.remove(ch));
                        log.record(TrafficLog.Kind.CONNECTION, b.service(), b.port(), ch.remoteAddress(), "", true);
                        b.init().accept(ch);
                        java.util.function.Supplier<ChannelHandler> filter = connectionFilter;
                        if (filter != null) ch.pipeline().addFirst("connection-filter", filter.get());
                    }
                });
        Channel ch = sb.bind(new InetSocketAddress(address, b.port())).sync().channel();
        serverChannels.add(ch);
        return ch;
    }

    /**
     * Puts a handler made by {@code filter} first in every TCP connection accepted from now on (before TLS),
     * e.g. to make a device stop answering under load.
     */
    public void setConnectionFilter(java.util.function.Supplier<ChannelHandler> filter) {
        this.connectionFilter = filter;
    }

    /** Binds a UDP socket; each datagram is recorded as a CONNECTION before {@code handler} sees it. */
    public Channel bindUdp(int port, String service, ChannelHandler handler) throws InterruptedException {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramRecorder(log, service, port), handler);
                    }
                });
        Channel ch = b.bind(new InetSocketAddress(address, port)).sync().channel();
        udpChannels.add(ch);
        bound.add(new Bound(Transport.UDP, port));
        return ch;
    }

    /** Registers a third-party server that this runtime must stop on close, and the port it holds. */
    public void register(Transport transport, int port, AutoCloseable server) {
        extras.push(server);
        bound.add(new Bound(transport, port));
    }

    /** Unbinds every TCP server socket and drops open TCP connections (a "reboot"); UDP stays. */
    public synchronized void suspendTcp() {
        for (Channel c : serverChannels) c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        serverChannels.clear();
        for (Channel c : children) c.close();
    }

    /** Re-binds every TCP server socket after {@link #suspendTcp()}. */
    public synchronized void resumeTcp() throws InterruptedException {
        if (closed) return;
        for (TcpBinding b : tcpBindings) bind(b);
    }

    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return group.next().schedule(task, delay, unit);
    }

    /** Ports this device holds now. */
    public Set<Bound> bound() {
        return Collections.unmodifiableSet(bound);
    }

    public int openConnections() {
        return children.size();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Channel> all = new ArrayList<>(serverChannels);
        all.addAll(udpChannels);
        all.addAll(children);
        for (Channel c : all) c.close();
        for (Channel c : all) c.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        AutoCloseable extra;
        while ((extra = extras.poll()) != null) {
            try {
                extra.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        bound.clear();
    }
}
