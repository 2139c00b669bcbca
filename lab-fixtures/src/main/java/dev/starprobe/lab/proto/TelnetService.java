package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A busybox-like telnetd: option negotiation, login/password prompts, then a canned root shell. */
public final class TelnetService {
    private static final byte[] NEGOTIATION = {(byte) 255, (byte) 251, 1, (byte) 255, (byte) 251, 3}; // WILL ECHO, WILL SGA
    private static final int MAX_FAILURES = 3;

    private TelnetService() {}

    public static void bind(DeviceRuntime rt, int port, TelnetShell shell) throws InterruptedException {
        ServiceContext svc = new ServiceContext("telnet", port, rt.log());
        rt.bindTcp(port, "telnet", ch -> ch.pipeline().addLast(
                new ReadTimeoutHandler(120, TimeUnit.SECONDS),
                new TelnetLineDecoder(256),
                new Session(svc, shell)));
    }

    private static final class Session extends SimpleChannelInboundHandler<String> {
        private enum State { USER, PASSWORD, SHELL }

        private final ServiceContext svc;
        private final TelnetShell shell;
        private State state = State.USER;
        private String user;
        private int failures;

        Session(ServiceContext svc, TelnetShell shell) {
            this.svc = svc;
            this.shell = shell;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.write(Unpooled.wrappedBuffer(NEGOTIATION));
            send(ctx, "\r\n" + shell.banner() + "\r\n\r\n" + shell.hostname() + " login: ");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            switch (state) {
                case USER -> {
                    user = line.trim();
                    if (user.isEmpty()) {
                        send(ctx, shell.hostname() + " login: ");
                    } else if (shell.passwordless().contains(user)) {
                        login(ctx, peer, "");
                    } else {
                        state = State.PASSWORD;
                        send(ctx, user + "\r\nPassword: ");
                    }
                }
                case PASSWORD -> login(ctx, peer, line);
                default -> command(ctx, peer, line.trim());
            }
        }

        private void login(ChannelHandlerContext ctx, InetSocketAddress peer, String password) {
            LoginGate.Outcome o = shell.gate().attempt(svc, peer, user, password);
            if (o.ok()) {
                state = State.SHELL;
                send(ctx, "\r\n\r\nBusyBox v1.19.4 built-in shell (ash)\r\nEnter 'help' for a list of built-in commands.\r\n\r\n"
                        + shell.prompt());
                return;
            }
            failures++;
            state = State.USER;
            if (failures >= MAX_FAILURES) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("\r\nLogin incorrect\r\n", StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                send(ctx, "\r\nLogin incorrect\r\n" + shell.hostname() + " login: ");
            }
        }

        private void command(ChannelHandlerContext ctx, InetSocketAddress peer, String cmd) {
            if (cmd.isEmpty()) {
                send(ctx, shell.prompt());
                return;
            }
            svc.request(peer, cmd);
            if (cmd.equals("exit") || cmd.equals("logout")) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("\r\n", StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            String out = shell.commands().get(cmd);
            if (out == null) out = "-sh: " + cmd.split("\\s+")[0] + ": not found";
            send(ctx, out.replace("\n", "\r\n") + "\r\n" + shell.prompt());
        }

        private static void send(ChannelHandlerContext ctx, String s) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
