package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.RawTcp;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * reboot-on-malformed: a strict little HTTP server on 80 (plus an SSH banner on 22). A malformed request
 * (bad request line, bad header line, over-long line) "crashes" it: every TCP port closes for
 * {@code downtime} (3 s by default), then it binds again.
 */
public final class RebootOnMalformed extends AbstractDevice {
    public static final String NAME = "reboot-on-malformed";
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]{1,16} [!-~]+ HTTP/1\\.[01]");
    private static final Pattern HEADER_LINE = Pattern.compile("[!-9;-~]+:[\\t -~]*");

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(22, "ssh"), ServiceTruth.tcp(80, "http")),
            List.of(), "Crashes (all ports closed for 3 s) on a malformed HTTP request: a liveness watchdog must notice "
                    + "and tie it to the check that sent the request.");

    private final Duration downtime;
    private final AtomicInteger reboots = new AtomicInteger();
    private volatile Thread rebooter;
    private volatile boolean down;
    private final Object rebooting = new Object();

    public RebootOnMalformed() {
        this(Duration.ofSeconds(3));
    }

    public RebootOnMalformed(Duration downtime) {
        super(NAME);
        this.downtime = downtime;
    }

    public int reboots() {
        return reboots.get();
    }

    public boolean down() {
        return down;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        RawTcp.banner(rt, 22, "ssh", "SSH-2.0-dropbear_2019.78\r\n".getBytes(StandardCharsets.US_ASCII));
        rt.bindTcp(80, "http", ch -> ch.pipeline().addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS),
                new LineBasedFrameDecoder(4096), new StringDecoder(StandardCharsets.ISO_8859_1), new StrictHttp(rt)));
    }

    private void crash(DeviceRuntime rt) {
        synchronized (rebooting) {
            startReboot(rt);
        }
    }

    private void startReboot(DeviceRuntime rt) {
        if (down) return;
        down = true;
        reboots.incrementAndGet();
        Thread t = new Thread(() -> {
            try {
                rt.suspendTcp();
                Thread.sleep(downtime.toMillis());
                rt.resumeTcp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                down = false;
            }
        }, DeviceRuntime.threadPrefix(NAME) + "-reboot");
        t.setDaemon(true);
        rebooter = t;
        t.start();
    }

    @Override
    protected void beforeClose() {
        Thread t = rebooter;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class StrictHttp extends SimpleChannelInboundHandler<String> {
        private final DeviceRuntime rt;
        private String requestLine;
        private boolean crashed;

        StrictHttp(DeviceRuntime rt) {
            this.rt = rt;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String raw) {
            if (crashed) return;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            if (requestLine == null) {
                if (!REQUEST_LINE.matcher(line).matches()) {
                    malformed(ctx, peer, "bad request line");
                    return;
                }
                requestLine = line;
            } else if (line.isEmpty()) {
                rt.log().record(TrafficLog.Kind.REQUEST, "http", 80, peer, requestLine, true);
                String body = "<html><body>OK</body></html>";
                ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nServer: uhttpd\r\nContent-Type: text/html\r\n"
                        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (!HEADER_LINE.matcher(line).matches()) {
                malformed(ctx, peer, "bad header line");
            }
        }

        private void malformed(ChannelHandlerContext ctx, InetSocketAddress peer, String why) {
            if (crashed) return;
            crashed = true;
            rt.log().record(TrafficLog.Kind.MALFORMED, "http", 80, peer, why, false);
            ctx.close();
            crash(rt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                malformed(ctx, (InetSocketAddress) ctx.channel().remoteAddress(), "line too long");
            } else {
                ctx.close();
            }
        }
    }
}
