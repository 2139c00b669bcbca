package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The control connection of a small FTP server (RFC 959), like the vsftpd/busybox ftpd of routers that share a
 * USB disk: USER/PASS through the device's login gate (421 while the source is locked out), SYST, FEAT (no
 * AUTH TLS), PWD, NOOP, QUIT; everything else needs a login (530) or is not implemented (502). No data
 * connections are offered. Like vsftpd, three failed logins on one connection close it.
 */
public final class FtpService {
    public static final int PORT = 21;
    private static final int MAX_FAILURES = 3;

    private FtpService() {}

    public static void bind(DeviceRuntime rt, int port, String greeting, LoginGate gate) throws InterruptedException {
        ServiceContext svc = new ServiceContext("ftp", port, rt.log());
        rt.bindTcp(port, "ftp", ch -> ch.pipeline().addLast(new ReadTimeoutHandler(60, TimeUnit.SECONDS),
                new LineBasedFrameDecoder(512), new StringDecoder(StandardCharsets.UTF_8), new Session(svc, greeting, gate)));
    }

    private static final class Session extends SimpleChannelInboundHandler<String> {
        private final ServiceContext svc;
        private final String greeting;
        private final LoginGate gate;
        private String user;
        private boolean loggedIn;
        private int failures;

        Session(ServiceContext svc, String greeting, LoginGate gate) {
            this.svc = svc;
            this.greeting = greeting;
            this.gate = gate;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx, "220 " + greeting);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            String l = line.strip();
            int sp = l.indexOf(' ');
            String cmd = (sp < 0 ? l : l.substring(0, sp)).toUpperCase(Locale.ROOT);
            String arg = sp < 0 ? "" : l.substring(sp + 1);
            if (!cmd.equals("PASS")) svc.request(peer, l);
            switch (cmd) {
                case "USER" -> {
                    user = arg;
                    loggedIn = false;
                    send(ctx, "331 Please specify the password.");
                }
                case "PASS" -> pass(ctx, peer, arg);
                case "SYST" -> send(ctx, "215 UNIX Type: L8");
                case "FEAT" -> send(ctx, "211-Features:\r\n PASV\r\n SIZE\r\n UTF8\r\n211 End");
                case "NOOP" -> send(ctx, "200 NOOP ok.");
                case "PWD" -> send(ctx, loggedIn ? "257 \"/\" is the current directory" : "530 Please login with USER and PASS.");
                case "QUIT" -> ctx.writeAndFlush(Unpooled.copiedBuffer("221 Goodbye.\r\n", StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
                default -> send(ctx, loggedIn ? "502 Command not implemented." : "530 Please login with USER and PASS.");
            }
        }

        private void pass(ChannelHandlerContext ctx, InetSocketAddress peer, String password) {
            if (user == null) {
                send(ctx, "503 Login with USER first.");
                return;
            }
            LoginGate.Outcome o = gate.attempt(svc, peer, user, password);
            if (o == LoginGate.Outcome.LOCKED) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("421 Too many failed logins, try again later.\r\n", StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (o.ok()) {
                loggedIn = true;
                send(ctx, "230 Login successful.");
                return;
            }
            user = null;
            if (++failures >= MAX_FAILURES) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("530 Login incorrect.\r\n", StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                send(ctx, "530 Login incorrect.");
            }
        }

        private static void send(ChannelHandlerContext ctx, String reply) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(reply + "\r\n", StandardCharsets.UTF_8));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
