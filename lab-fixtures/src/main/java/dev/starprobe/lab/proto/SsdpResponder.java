package dev.starprobe.lab.proto;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Answers SSDP M-SEARCH requests that arrive by unicast on 1900/udp, with one unicast reply per matching
 * search target, to the sender only. It never sends multicast NOTIFY messages.
 */
public final class SsdpResponder extends SimpleChannelInboundHandler<DatagramPacket> {
    public static final int PORT = 1900;
    private static final List<String> TARGETS = List.of("upnp:rootdevice",
            "urn:schemas-upnp-org:device:InternetGatewayDevice:1", "urn:schemas-upnp-org:service:WANIPConnection:1");

    private final ServiceContext svc;
    private final InetAddress self;
    private final String uuid;

    private SsdpResponder(ServiceContext svc, InetAddress self, String uuid) {
        this.svc = svc;
        this.self = self;
        this.uuid = uuid;
    }

    public static void bind(DeviceRuntime rt, String uuid) throws InterruptedException {
        rt.bindUdp(PORT, "ssdp", new SsdpResponder(new ServiceContext("ssdp", PORT, rt.log()), rt.address(), uuid));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
        String msg = p.content().toString(StandardCharsets.US_ASCII);
        if (!msg.startsWith("M-SEARCH * HTTP/1.1")) {
            svc.malformed(p.sender(), "not an M-SEARCH");
            return;
        }
        String st = header(msg, "st");
        svc.request(p.sender(), "M-SEARCH ST=" + st);
        if (st == null || !msg.toLowerCase(Locale.ROOT).contains("\"ssdp:discover\"")) return;
        for (String target : TARGETS) {
            if (st.equals("ssdp:all") || st.equals(target) || st.equals("uuid:" + uuid)) {
                String reply = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
                        + "LOCATION: http://" + self.getHostAddress() + ":" + UpnpIgd.PORT + UpnpIgd.DESCRIPTION + "\r\n"
                        + "SERVER: " + UpnpIgd.SERVER + "\r\nST: " + target + "\r\n"
                        + "USN: uuid:" + uuid + "::" + target + "\r\n\r\n";
                ctx.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII), p.sender()));
            }
        }
    }

    private static String header(String msg, String name) {
        for (String line : msg.split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) return line.substring(c + 1).trim();
        }
        return null;
    }
}
