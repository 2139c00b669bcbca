package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * slow-drip: on 22 and 80, sends one byte per second (configurable) forever, a banner line that never ends
 * (like endlessh): a probe must bound its total read time, not just the time between bytes.
 */
public final class SlowDrip extends AbstractDevice {
    public static final String NAME = "slow-drip";

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(22, "unknown"), ServiceTruth.tcp(80, "unknown")),
            List.of(), "One byte per second, forever; the line never ends.");

    private final Duration interval;

    public SlowDrip() {
        this(Duration.ofSeconds(1));
    }

    public SlowDrip(Duration interval) {
        super(NAME);
        this.interval = interval;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        rt.bindTcp(22, "unknown", ch -> ch.pipeline().addLast(new Drip("SSH-2.0-")));
        rt.bindTcp(80, "unknown", ch -> ch.pipeline().addLast(new Drip("HTTP/1.1 200 OK\r\nX-Padding: ")));
    }

    private final class Drip extends ChannelInboundHandlerAdapter {
        private final byte[] prefix;
        private long sent;
        private ScheduledFuture<?> task;

        Drip(String prefix) {
            this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            long ms = interval.toMillis();
            task = ctx.executor().scheduleAtFixedRate(() -> {
                byte b = sent < prefix.length ? prefix[(int) sent] : (byte) ('a' + sent % 26);
                sent++;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {b}));
            }, ms, ms, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (task != null) task.cancel(false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
