package dev.starprobe.lab.http;

import dev.starprobe.lab.net.ServiceContext;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;

/** Records each request, calls the device's handler, and writes the response with the device's Server header. */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ServiceContext svc;
    private final boolean tls;
    private final String serverHeader;
    private final HttpHandler handler;

    HttpDispatcher(ServiceContext svc, boolean tls, String serverHeader, HttpHandler handler) {
        this.svc = svc;
        this.tls = tls;
        this.serverHeader = serverHeader;
        this.handler = handler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (req.decoderResult().isFailure()) {
            svc.malformed(peer, String.valueOf(req.decoderResult().cause()));
            FullHttpResponse bad = Responses.html(HttpResponseStatus.BAD_REQUEST, "<html><body><h1>400 Bad Request</h1></body></html>");
            send(ctx, req, bad, false);
            return;
        }
        svc.request(peer, req.method() + " " + req.uri());
        FullHttpResponse res;
        try {
            String local = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
            res = handler.handle(new HttpExchange(req, peer, svc, tls, local));
        } catch (Exception e) {
            res = Responses.html(HttpResponseStatus.INTERNAL_SERVER_ERROR, "<html><body><h1>500 Internal Server Error</h1></body></html>");
        }
        send(ctx, req, res, HttpUtil.isKeepAlive(req));
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res, boolean keepAlive) {
        if (serverHeader != null) res.headers().set(HttpHeaderNames.SERVER, serverHeader);
        HttpUtil.setContentLength(res, res.content().readableBytes());
        if (req.method().equals(HttpMethod.HEAD)) res.content().clear();
        if (keepAlive) {
            if (!req.protocolVersion().isKeepAliveDefault()) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
