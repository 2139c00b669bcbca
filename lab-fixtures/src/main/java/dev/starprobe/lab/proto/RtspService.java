package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.DigestAuth;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An RTSP 1.0 server (Netty's RTSP codec) answering OPTIONS and DESCRIBE. With a login gate, DESCRIBE
 * needs Digest authentication (401 with a challenge otherwise); without one it returns the SDP to anyone.
 */
public final class RtspService {
    private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER";

    private RtspService() {}

    /** @param gate null for no authentication */
    public static void bind(DeviceRuntime rt, int port, String serverHeader, LoginGate gate, String realm,
                            String streamTitle) throws InterruptedException {
        ServiceContext svc = new ServiceContext("rtsp", port, rt.log());
        DigestAuth digest = new DigestAuth(realm, true);
        rt.bindTcp(port, "rtsp", ch -> ch.pipeline().addLast(
                new ReadTimeoutHandler(60, TimeUnit.SECONDS),
                new RtspDecoder(),
                new RtspEncoder(),
                new HttpObjectAggregator(16 * 1024),
                new Handler(svc, serverHeader, gate, digest, streamTitle)));
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ServiceContext svc;
        private final String serverHeader;
        private final LoginGate gate;
        private final DigestAuth digest;
        private final String title;

        Handler(ServiceContext svc, String serverHeader, LoginGate gate, DigestAuth digest, String title) {
            this.svc = svc;
            this.serverHeader = serverHeader;
            this.gate = gate;
            this.digest = digest;
            this.title = title;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            if (req.decoderResult().isFailure()) {
                svc.malformed(peer, String.valueOf(req.decoderResult().cause()));
                ctx.close();
                return;
            }
            svc.request(peer, req.method() + " " + req.uri());
            FullHttpResponse res;
            if (req.method().equals(RtspMethods.OPTIONS)) {
                res = response(RtspResponseStatuses.OK, null, null);
                res.headers().set("Public", PUBLIC);
            } else if (req.method().equals(RtspMethods.DESCRIBE)) {
                res = describe(req, peer, ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress());
            } else {
                res = response(RtspResponseStatuses.METHOD_NOT_VALID, null, null);
            }
            String cseq = req.headers().get(RtspHeaderNames.CSEQ);
            if (cseq != null) res.headers().set("CSeq", cseq);
            if (serverHeader != null) res.headers().set("Server", serverHeader);
            ctx.writeAndFlush(res);
        }

        private FullHttpResponse describe(FullHttpRequest req, InetSocketAddress peer, String local) {
            if (gate != null) {
                Map<String, String> p = DigestAuth.parse(req.headers().get(HttpHeaderNames.AUTHORIZATION));
                LoginGate.Outcome o = null;
                if (p != null) {
                    o = gate.attempt(svc, peer, p.get("username"), stored -> digest.verify(p, "DESCRIBE", stored));
                }
                if (o == null || !o.ok()) {
                    FullHttpResponse r = response(RtspResponseStatuses.UNAUTHORIZED, null, null);
                    if (o != LoginGate.Outcome.LOCKED) r.headers().set("WWW-Authenticate", digest.challenge());
                    return r;
                }
            }
            String sdp = "v=0\r\no=- 1 1 IN IP4 " + local + "\r\ns=" + title + "\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                    + "a=control:*\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n";
            FullHttpResponse r = response(RtspResponseStatuses.OK, "application/sdp", sdp);
            r.headers().set("Content-Base", req.uri().endsWith("/") ? req.uri() : req.uri() + "/");
            return r;
        }

        private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status,
                    body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            if (type != null) r.headers().set("Content-Type", type);
            r.headers().setInt("Content-Length", r.content().readableBytes());
            return r;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
