package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * huge-banner: on 21 an FTP-like "220-" banner and on 80 an HTTP response header that never end, streamed
 * as fast as the reader takes them (1 GiB per connection, then close). One shared 64 KiB chunk is written
 * again and again as the socket drains: nothing is allocated per byte.
 */
public final class HugeBanner extends AbstractDevice {
    public static final String NAME = "huge-banner";
    public static final long LIMIT = 1L << 30;
    private static final ByteBuf FTP = chunk("220-Welcome to the FTP service. This banner never ends, read it with a bound.\r\n");
    private static final ByteBuf HTTP = chunk("X-Banner: this header never ends, read it with a bound......................\r\n");

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(21, "unknown"), ServiceTruth.tcp(80, "unknown")),
            List.of(), "Unbounded banners (1 GiB per connection): a probe must cap what it reads.");

    private final AtomicLong bytesSent = new AtomicLong();

    public HugeBanner() {
        super(NAME);
    }

    /** Bytes written to all connections so far. */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    private static ByteBuf chunk(String line) {
        StringBuilder b = new StringBuilder();
        while (b.length() + line.length() <= 64 * 1024) b.append(line);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(b.length()).writeBytes(b.toString().getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        rt.bindTcp(21, "unknown", ch -> ch.pipeline().addLast(new Stream(FTP, null)));
        rt.bindTcp(80, "unknown", ch -> ch.pipeline().addLast(new Stream(HTTP, "HTTP/1.1 200 OK\r\n")));
    }

    private final class Stream extends ChannelInboundHandlerAdapter {
        private final ByteBuf chunk;
        private final String head;
        private long sent;

        Stream(ByteBuf chunk, String head) {
            this.chunk = chunk;
            this.head = head;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (head != null) ctx.write(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        private void pump(ChannelHandlerContext ctx) {
            int n = chunk.readableBytes();
            while (ctx.channel().isActive() && ctx.channel().isWritable() && sent < LIMIT) {
                ctx.write(chunk.duplicate());
                sent += n;
                bytesSent.addAndGet(n);
            }
            if (sent >= LIMIT) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.flush();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
