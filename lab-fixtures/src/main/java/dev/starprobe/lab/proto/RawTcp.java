package dev.starprobe.lab.proto;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Small TCP services that need no codec: a banner, accept-and-close, an RDP-like X.224 responder. */
public final class RawTcp {
    private RawTcp() {}

    /** Sends {@code banner} on connect and keeps the connection open (reads are recorded and ignored). */
    public static void banner(DeviceRuntime rt, int port, String service, byte[] banner) throws InterruptedException {
        ServiceContext svc = new ServiceContext(service, port, rt.log());
        rt.bindTcp(port, service, ch -> ch.pipeline().addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(banner));
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        svc.request((InetSocketAddress) ctx.channel().remoteAddress(), b.readableBytes() + " bytes");
                        b.release();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                }));
    }

    /** Accepts and closes at once with a FIN (like a filtered SMB service that drops unknown peers). */
    public static void acceptThenClose(DeviceRuntime rt, int port, String service) throws InterruptedException {
        rt.bindTcp(port, service, ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.close();
            }
        }));
    }

    /**
     * Answers an X.224 Connection Request (TPKT) with a Connection Confirm selecting CredSSP (HYBRID), as an
     * RDP server with NLA does, then closes on anything that is not the TLS it asked for.
     */
    public static void rdp(DeviceRuntime rt, int port) throws InterruptedException {
        ServiceContext svc = new ServiceContext("rdp", port, rt.log());
        byte[] confirm = {0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00,
            0x02, 0x1f, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00};
        rt.bindTcp(port, "rdp", ch -> ch.pipeline().addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS),
                new ChannelInboundHandlerAdapter() {
                    private boolean confirmed;

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
                        boolean cr = b.readableBytes() >= 11 && b.getByte(0) == 0x03 && (b.getByte(5) & 0xf0) == 0xe0;
                        svc.request(peer, ByteBufUtil.hexDump(b, b.readerIndex(), Math.min(16, b.readableBytes())));
                        b.release();
                        if (!confirmed && cr) {
                            confirmed = true;
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(confirm));
                        } else {
                            ctx.close();
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                }));
    }
}
