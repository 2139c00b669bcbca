package dev.starprobe.lab.proto;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsPtrRecord;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A DNS-SD responder on UDP 5353 of the device's address, as the pairing flow of a companion app finds a
 * device: {@code _services._dns-sd._udp.local} lists the service types, a type query returns the instance
 * with its SRV, TXT and A records. Queries from a port other than 5353 are one-shot (legacy unicast,
 * RFC 6762 §6.7) and are answered by unicast with the query's id and question, which is what a probe sends.
 */
public final class MdnsResponder {
    public static final int PORT = 5353;
    static final String SERVICES = "_services._dns-sd._udp.local.";

    /** One advertised service: type like {@code _hap._tcp}, instance name, port and TXT strings. */
    public record Advert(String type, String instance, int port, List<String> txt) {
        String typeName() {
            return type + ".local.";
        }

        String instanceName() {
            return instance + "." + typeName();
        }
    }

    private MdnsResponder() {}

    public static void bind(DeviceRuntime rt, String hostLabel, List<Advert> adverts) throws InterruptedException {
        ServiceContext svc = new ServiceContext("mdns", PORT, rt.log());
        InetAddress self = rt.address();
        rt.bindUdp(PORT, "mdns", new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                        new Handler(svc, hostLabel + ".local.", self, adverts));
            }
        });
    }

    private static final class Handler extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        private final ServiceContext svc;
        private final String host;
        private final InetAddress self;
        private final List<Advert> adverts;

        Handler(ServiceContext svc, String host, InetAddress self, List<Advert> adverts) {
            this.svc = svc;
            this.host = host;
            this.self = self;
            this.adverts = adverts;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DatagramDnsResponse res = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            res.setAuthoritativeAnswer(true);
            int answers = 0;
            for (int i = 0; i < query.count(DnsSection.QUESTION); i++) {
                DnsQuestion q = query.recordAt(DnsSection.QUESTION, i);
                svc.request(query.sender(), q.type().name() + " " + q.name());
                res.addRecord(DnsSection.QUESTION, new io.netty.handler.codec.dns.DefaultDnsQuestion(q.name(), q.type()));
                String name = q.name().toLowerCase(Locale.ROOT);
                if (!name.endsWith(".")) name += ".";
                if (q.type() != DnsRecordType.PTR && q.type() != DnsRecordType.ANY) continue;
                for (Advert a : adverts) {
                    if (name.equals(SERVICES)) {
                        res.addRecord(DnsSection.ANSWER, new DefaultDnsPtrRecord(SERVICES, 1, 4500, a.typeName()));
                        answers++;
                    } else if (name.equals(a.typeName().toLowerCase(Locale.ROOT))) {
                        res.addRecord(DnsSection.ANSWER, new DefaultDnsPtrRecord(a.typeName(), 1, 4500, a.instanceName()));
                        res.addRecord(DnsSection.ADDITIONAL, raw(a.instanceName(), DnsRecordType.SRV, srv(a.port(), host)));
                        res.addRecord(DnsSection.ADDITIONAL, raw(a.instanceName(), DnsRecordType.TXT, txt(a.txt())));
                        res.addRecord(DnsSection.ADDITIONAL, raw(host, DnsRecordType.A, Unpooled.wrappedBuffer(self.getAddress())));
                        answers++;
                    }
                }
            }
            // mDNS stays silent when it has nothing to say (RFC 6762 §6): no NXDOMAIN
            if (answers > 0) ctx.writeAndFlush(res);
            else res.release();
        }

        private static DefaultDnsRawRecord raw(String name, DnsRecordType type, ByteBuf data) {
            return new DefaultDnsRawRecord(name, type, 120, data);
        }

        private static ByteBuf srv(int port, String target) {
            ByteBuf b = Unpooled.buffer();
            b.writeShort(0).writeShort(0).writeShort(port);
            for (String label : target.split("\\.")) {
                byte[] l = label.getBytes(StandardCharsets.UTF_8);
                b.writeByte(l.length).writeBytes(l);
            }
            return b.writeByte(0);
        }

        private static ByteBuf txt(List<String> strings) {
            ByteBuf b = Unpooled.buffer();
            for (String s : strings) {
                byte[] x = s.getBytes(StandardCharsets.UTF_8);
                b.writeByte(x.length).writeBytes(x);
            }
            return b;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a malformed datagram: drop it, keep serving
        }
    }
}
