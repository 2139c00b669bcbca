package dev.starprobe.lab.net;

import dev.starprobe.lab.TrafficLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/** Records every datagram as a CONNECTION, then passes it on. */
final class DatagramRecorder extends ChannelInboundHandlerAdapter {
    private final TrafficLog log;
    private final String service;
    private final int port;

    DatagramRecorder(TrafficLog log, String service, int port) {
        this.log = log;
        this.service = service;
        this.port = port;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket p) {
            log.record(TrafficLog.Kind.CONNECTION, service, port, p.sender(), p.content().readableBytes() + " bytes", true);
        }
        ctx.fireChannelRead(msg);
    }
}
