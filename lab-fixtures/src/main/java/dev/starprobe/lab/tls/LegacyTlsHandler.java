package dev.starprobe.lab.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * Runs a Bouncy Castle {@link TlsServerProtocol} in non-blocking mode inside a Netty pipeline: ciphertext
 * from the socket is offered to the protocol, plaintext it releases goes up the pipeline, plaintext written
 * down the pipeline is encrypted. Writes made before the handshake completes are held back.
 */
final class LegacyTlsHandler extends ChannelDuplexHandler {
    private record Pending(ByteBuf data, ChannelPromise promise) {}

    private final TlsServerProtocol protocol = new TlsServerProtocol();
    private final TlsServer server;
    private final Queue<Pending> pending = new ArrayDeque<>();
    private boolean established;

    LegacyTlsHandler(TlsServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws IOException {
        protocol.accept(server);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] in = ByteBufUtil.getBytes(buf);
        buf.release();
        try {
            protocol.offerInput(in);
        } catch (IOException e) {
            drainOutput(ctx); // the fatal alert
            ctx.close();
            return;
        }
        drainOutput(ctx);
        if (!established && protocol.isConnected() && !protocol.isHandshaking()) {
            established = true;
            Pending p;
            while ((p = pending.poll()) != null) encrypt(ctx, p.data(), p.promise());
            ctx.flush();
        }
        int n;
        while ((n = protocol.getAvailableInputBytes()) > 0) {
            byte[] plain = new byte[n];
            protocol.readInput(plain, 0, n);
            ctx.fireChannelRead(Unpooled.wrappedBuffer(plain));
        }
        ctx.fireChannelReadComplete();
        if (protocol.isClosed()) ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // fired per offered chunk in channelRead
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        if (!established) {
            pending.add(new Pending(buf, promise));
            return;
        }
        encrypt(ctx, buf, promise);
    }

    private void encrypt(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        try {
            byte[] plain = ByteBufUtil.getBytes(buf);
            if (plain.length > 0) protocol.writeApplicationData(plain, 0, plain.length);
            byte[] out = takeOutput();
            if (out.length == 0) {
                promise.trySuccess();
            } else {
                ctx.write(Unpooled.wrappedBuffer(out), promise);
            }
        } catch (IOException e) {
            promise.tryFailure(e);
            ctx.close();
        } finally {
            buf.release();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        try {
            if (!protocol.isClosed()) protocol.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        byte[] out = takeOutput();
        if (out.length > 0 && ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(out)).addListener(f -> ctx.close(promise));
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Pending p;
        while ((p = pending.poll()) != null) {
            ReferenceCountUtil.release(p.data());
            p.promise().tryFailure(new IOException("connection closed before the TLS handshake completed"));
        }
    }

    private void drainOutput(ChannelHandlerContext ctx) {
        byte[] out = takeOutput();
        if (out.length > 0) ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
    }

    private byte[] takeOutput() {
        int n = protocol.getAvailableOutputBytes();
        byte[] out = new byte[n];
        if (n > 0) protocol.readOutput(out, 0, n);
        return out;
    }
}
