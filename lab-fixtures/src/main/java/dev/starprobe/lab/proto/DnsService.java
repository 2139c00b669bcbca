package dev.starprobe.lab.proto;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;

/**
 * An authoritative-only DNS server on Netty's DNS codec: answers A queries for its own names, NXDOMAIN
 * for anything else, never recursion (it never sends a query anywhere).
 */
public final class DnsService {
    public static final int PORT = 53;

    private DnsService() {}

    /** @param names lower-case names without trailing dot, to their IPv4 address */
    public static void bind(DeviceRuntime rt, Map<String, InetAddress> names) throws InterruptedException {
        ServiceContext svc = new ServiceContext("dns", PORT, rt.log());
        rt.bindUdp(PORT, "dns", new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Handler(svc, names));
            }
        });
    }

    private static final class Handler extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        private final ServiceContext svc;
        private final Map<String, InetAddress> names;

        Handler(ServiceContext svc, Map<String, InetAddress> names) {
            this.svc = svc;
            this.names = names;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DatagramDnsResponse res = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            res.setAuthoritativeAnswer(true);
            res.setRecursionDesired(query.isRecursionDesired());
            res.setRecursionAvailable(false);
            if (query.count(DnsSection.QUESTION) != 1) {
                svc.malformed(query.sender(), "questions: " + query.count(DnsSection.QUESTION));
                res.setCode(DnsResponseCode.FORMERR);
                ctx.writeAndFlush(res);
                return;
            }
            DnsQuestion q = query.recordAt(DnsSection.QUESTION);
            svc.request(query.sender(), q.type().name() + " " + q.name());
            res.addRecord(DnsSection.QUESTION, q);
            String name = q.name().toLowerCase(Locale.ROOT);
            if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
            InetAddress a = names.get(name);
            if (a == null) {
                res.setCode(DnsResponseCode.NXDOMAIN);
            } else if (q.type() == DnsRecordType.A && a.getAddress().length == 4) {
                res.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(q.name(), DnsRecordType.A, 300,
                        Unpooled.wrappedBuffer(a.getAddress())));
            }
            ctx.writeAndFlush(res);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a malformed datagram: drop it, keep serving
        }
    }
}
