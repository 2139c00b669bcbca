package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoveryUnavailableException;
import dev.starprobe.spi.LinkInfo;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Safety;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.util.MacAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ARP sweep of the pinned interface's subnet (pcap4j): a request per candidate at the user's
 * packet rate, a second pass for the silent ones (ARP replies get lost, sleeping Wi-Fi devices miss
 * requests), replies collected on a second handle filtered to ARP replies. ARP is authoritative on
 * the local segment: a device that exists answers, whatever its firewall does above layer 2.
 */
public final class ArpDiscoverer implements Discoverer {
    static final int PASSES = 2;
    static final String REPLY_FILTER = "arp and arp[6:2] == 2";

    @Override
    public String id() {
        return "arp";
    }

    @Override
    public Safety safety() {
        return Safety.SAFE;
    }

    @Override
    public boolean needsInterface() {
        return true;
    }

    @Override
    public CompletionStage<List<Device>> discover(DiscoveryContext ctx) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sweep(ctx);
            } catch (NetworkException e) {
                throw new CompletionException(e);
            }
        }, ctx.blockingExecutor());
    }

    /** Candidates on the interface's subnet, each admitted by the scope guard; refused ones are skipped. */
    static List<Inet4Address> targets(DiscoveryContext ctx, LinkInfo link) {
        dev.starprobe.net.Cidr subnet = dev.starprobe.net.Cidr.parse(link.cidr());
        List<Inet4Address> out = new ArrayList<>();
        for (InetAddress a : ctx.candidates()) {
            if (!(a instanceof Inet4Address v4) || !subnet.contains(a) || a.equals(link.address())) continue;
            try {
                ctx.admit(a);
                out.add(v4);
            } catch (NetworkException refused) {
                // recorded by the guard; never asked
            }
        }
        return out;
    }

    private List<Device> sweep(DiscoveryContext ctx) throws NetworkException {
        LinkInfo link = ctx.link().orElseThrow(() -> new DiscoveryUnavailableException("ARP needs an interface (--interface)"));
        if (link.mac() == null) {
            throw new DiscoveryUnavailableException("ARP needs an Ethernet interface; " + link.name() + " has no hardware address");
        }
        List<Inet4Address> targets = targets(ctx, link);
        Map<InetAddress, String> found = new ConcurrentHashMap<>();
        Set<InetAddress> asked = Set.copyOf(targets);
        try (Handles h = Handles.open(link.name())) {
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> listener = CompletableFuture.runAsync(() -> listen(h.receive, asked, found, stop),
                    ctx.blockingExecutor());
            MacAddress mine = MacAddress.getByName(link.mac());
            Pacer pacer = new Pacer(ctx.packetsPerSecond());
            for (int pass = 0; pass < PASSES; pass++) {
                for (Inet4Address t : targets) {
                    if (found.containsKey(t)) continue;
                    pacer.awaitTurn();
                    h.send(request(mine, link.address(), t));
                }
                sleep(pass == PASSES - 1 ? ctx.replyWindow() : ctx.replyWindow().dividedBy(2));
                if (found.size() == targets.size()) break;
            }
            stop.set(true);
            listener.join();
        }
        OuiTable oui = OuiTable.builtIn();
        List<Device> out = new ArrayList<>();
        found.forEach((ip, mac) -> {
            Map<String, String> hints = new LinkedHashMap<>();
            oui.vendor(mac).ifPresent(v -> hints.put("oui.vendor", v));
            if (OuiTable.locallyAdministered(mac)) hints.put("mac.locallyAdministered", "true");
            out.add(new Device(mac, ip, mac, List.of(), hints));
        });
        return out;
    }

    static EthernetPacket request(MacAddress src, Inet4Address srcIp, Inet4Address target) {
        ArpPacket.Builder arp = new ArpPacket.Builder()
                .hardwareType(ArpHardwareType.ETHERNET).protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) MacAddress.SIZE_IN_BYTES).protocolAddrLength((byte) 4)
                .operation(ArpOperation.REQUEST)
                .srcHardwareAddr(src).srcProtocolAddr(srcIp)
                .dstHardwareAddr(MacAddress.getByName("00:00:00:00:00:00")).dstProtocolAddr(target);
        return new EthernetPacket.Builder().dstAddr(MacAddress.ETHER_BROADCAST_ADDRESS).srcAddr(src)
                .type(EtherType.ARP).payloadBuilder(arp).paddingAtBuild(true).build();
    }

    /** Replies only from addresses we asked about; the first MAC seen for an address wins. */
    private static void listen(PcapHandle h, Set<InetAddress> asked, Map<InetAddress, String> found, AtomicBoolean stop) {
        while (!stop.get()) {
            Packet p;
            try {
                p = h.getNextPacket();
            } catch (NotOpenException e) {
                return;
            }
            if (p == null) { // nothing buffered (non-blocking handle): look at the stop flag again shortly
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            ArpPacket arp = p.get(ArpPacket.class);
            if (arp == null || !ArpOperation.REPLY.equals(arp.getHeader().getOperation())) continue;
            InetAddress ip = arp.getHeader().getSrcProtocolAddr();
            if (asked.contains(ip)) found.putIfAbsent(ip, arp.getHeader().getSrcHardwareAddr().toString().toLowerCase());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** A sending and a receiving pcap handle on one interface; failures become user-facing messages. */
    private static final class Handles implements AutoCloseable {
        final PcapHandle send;
        final PcapHandle receive;

        private Handles(PcapHandle send, PcapHandle receive) {
            this.send = send;
            this.receive = receive;
        }

        static Handles open(String name) {
            PcapHandle rx = null;
            try {
                PcapNetworkInterface nif = Pcaps.getDevByName(name);
                if (nif == null) throw new DiscoveryUnavailableException("pcap does not see interface " + name);
                rx = nif.openLive(128, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 20);
                rx.setFilter(REPLY_FILTER, BpfProgram.BpfCompileMode.OPTIMIZE);
                // non-blocking: with TPACKET_V3 a blocking read ignores its timeout while no packet
                // arrives, so the listener could never notice the end of the sweep
                rx.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
                PcapHandle tx = nif.openLive(128, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 20);
                return new Handles(tx, rx);
            } catch (PcapNativeException e) {
                if (rx != null) rx.close();
                throw new DiscoveryUnavailableException(privilegeHint(name, e.getMessage()), e);
            } catch (NotOpenException e) {
                if (rx != null) rx.close();
                throw new DiscoveryUnavailableException("pcap handle on " + name + " closed unexpectedly", e);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                throw new DiscoveryUnavailableException("ARP discovery needs libpcap (Debian: apt-get install libpcap0.8): " + e.getMessage(), e);
            }
        }

        void send(EthernetPacket p) throws NetworkException {
            try {
                send.sendPacket(p);
            } catch (PcapNativeException | NotOpenException e) {
                throw new NetworkException(dev.starprobe.model.NetworkFailure.OTHER, "sending ARP: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            send.close();
            receive.close();
        }
    }

    static String privilegeHint(String iface, String pcapMessage) {
        String m = String.valueOf(pcapMessage);
        if (m.contains("Operation not permitted") || m.contains("permission")) {
            return "ARP discovery needs raw packet access on " + iface + ": run as root, or give the JVM CAP_NET_RAW and "
                    + "CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin+eip \"$(readlink -f \"$(command -v java)\")\"); pcap said: " + m;
        }
        return "cannot capture on " + iface + ": " + m;
    }
}
