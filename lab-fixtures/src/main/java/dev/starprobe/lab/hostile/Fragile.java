package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.ModbusDeviceId;
import dev.starprobe.lab.proto.ModbusServer;
import dev.starprobe.lab.proto.RegisterMap;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fragile: an embedded industrial controller (it answers Modbus device identification, so it is declared
 * INDUSTRIAL like any PLC) with 4 connection slots (HTTP 80, Modbus 502). When more than
 * {@code maxConcurrent} connections are open at once, or more than {@code maxPerSecond} arrive within one
 * second, it hangs for {@code hang}: it still accepts but answers nothing. It records the highest
 * concurrency and rate it saw, so a test can prove a probe was polite.
 */
public final class Fragile extends AbstractDevice {
    public static final String NAME = "fragile";

    public static final GroundTruth TRUTH = new GroundTruth(Category.INDUSTRIAL, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(80, "http"), ServiceTruth.tcp(502, "modbus")),
            List.of(), "Hangs for 30 s when more than 4 connections are open at once or more than 20 arrive per second; "
                    + "see maxConcurrentConnections() and maxConnectionsPerSecond().");

    private final int maxConcurrent;
    private final int maxPerSecond;
    private final Duration hang;
    private final AtomicInteger open = new AtomicInteger();
    private final Deque<Long> recent = new ArrayDeque<>();
    private volatile int maxSeenConcurrent;
    private volatile int maxSeenRate;
    private volatile long hungUntilNanos;
    private volatile boolean everHung;
    private final AtomicInteger hangs = new AtomicInteger();
    private final Object counting = new Object();

    public Fragile() {
        this(4, 20, Duration.ofSeconds(30));
    }

    public Fragile(int maxConcurrent, int maxPerSecond, Duration hang) {
        super(NAME);
        this.maxConcurrent = maxConcurrent;
        this.maxPerSecond = maxPerSecond;
        this.hang = hang;
    }

    public int maxConcurrentConnections() {
        return maxSeenConcurrent;
    }

    /** Most connections that arrived within any one-second window. */
    public int maxConnectionsPerSecond() {
        return maxSeenRate;
    }

    public boolean hung() {
        return everHung && System.nanoTime() - hungUntilNanos < 0;
    }

    /** How many times the device hung. */
    public int hangs() {
        return hangs.get();
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        rt.setConnectionFilter(Slot::new);
        HttpService.bind(rt, 80, "http", null, "Embedded-HTTPD/0.9", new HttpRoutes()
                .get("/", ex -> Responses.html(HttpResponseStatus.OK, "<html><body>Controller OK</body></html>")));
        RegisterMap regs = new RegisterMap();
        for (int i = 0; i < 10; i++) regs.set(i, i);
        new ModbusServer(regs, new ModbusDeviceId("Tiny Controls", "TC-1", "0.9", "", "", ""), false).bind(rt, ModbusServer.PORT);
    }

    private void arrived() {
        synchronized (counting) {
            count();
        }
    }

    private void count() {
        long now = System.nanoTime();
        recent.addLast(now);
        while (!recent.isEmpty() && now - recent.peekFirst() > 1_000_000_000L) recent.pollFirst();
        int concurrent = open.incrementAndGet();
        maxSeenConcurrent = Math.max(maxSeenConcurrent, concurrent);
        maxSeenRate = Math.max(maxSeenRate, recent.size());
        if ((concurrent > maxConcurrent || recent.size() > maxPerSecond) && !hung()) {
            hungUntilNanos = now + hang.toNanos();
            everHung = true;
            hangs.incrementAndGet();
        }
    }

    /** First handler of every connection: counts it, and swallows input while the device hangs. */
    private final class Slot extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arrived();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (hung()) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }
}
