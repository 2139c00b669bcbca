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
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * garbage-tls: port 443 answers every connection (and every chunk the client sends, e.g. a ClientHello)
 * with 4 KiB of random bytes that are never a valid TLS record (the first byte is not a TLS content type).
 */
public final class GarbageTls extends AbstractDevice {
    public static final String NAME = "garbage-tls";
    public static final int CHUNK = 4096;

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(443, "unknown")),
            List.of(), "Random bytes on 443: a TLS check must report a handshake/protocol error, not crash or hang.");

    private final SplittableRandom seed = new SplittableRandom();

    public GarbageTls() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        rt.bindTcp(443, "unknown", ch -> ch.pipeline().addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS), new Garbage(seed.split())));
    }

    private static final class Garbage extends ChannelInboundHandlerAdapter {
        private final SplittableRandom random;

        Garbage(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            byte[] b = new byte[CHUNK];
            random.nextBytes(b);
            b[0] = (byte) (0x80 | (b[0] & 0x7f)); // never 0x14-0x18: not a TLS record
            ctx.writeAndFlush(Unpooled.wrappedBuffer(b));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
