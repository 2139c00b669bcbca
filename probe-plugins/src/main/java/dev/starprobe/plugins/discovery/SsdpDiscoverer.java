package dev.starprobe.plugins.discovery;

import dev.starprobe.model.Device;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.NetworkException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSDP M-SEARCH (UPnP) to 239.255.255.250:1900 on the pinned interface, then each answering
 * device's description XML (deviceType, manufacturer, model, serial): one description per device.
 */
public final class SsdpDiscoverer extends UdpDiscoverer {
    private static final Logger LOG = LoggerFactory.getLogger(SsdpDiscoverer.class);
    static final InetSocketAddress GROUP = new InetSocketAddress("239.255.255.250", 1900);

    /** MX 1: devices answer within a second, so the reply window covers them. */
    static byte[] mSearch() {
        return ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
                + "ST: ssdp:all\r\nUSER-AGENT: StarProbe/1 UPnP/1.1 discovery\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String id() {
        return "ssdp";
    }

    @Override
    public boolean needsInterface() {
        return true;
    }

    @Override
    protected List<Device> run(DiscoveryContext ctx) throws NetworkException {
        requireMulticast(ctx, "SSDP");
        Map<InetAddress, List<SsdpResponse>> answers;
        try (DiscoverySocket s = ctx.openSocket()) {
            s.send(GROUP, mSearch());
            answers = parseAll(collect(s, ctx.replyWindow()), candidateSet(ctx), SsdpResponse::parse);
        }
        List<Device> out = new ArrayList<>();
        answers.forEach((addr, list) -> out.add(device(ctx, addr, list)));
        return out;
    }

    Device device(DiscoveryContext ctx, InetAddress addr, List<SsdpResponse> list) {
        Map<String, String> hints = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<String> sts = new ArrayList<>();
        String location = null;
        for (SsdpResponse r : list) {
            if (r.header("server") != null) hints.putIfAbsent("ssdp.server", Printable.hint(r.header("server")));
            if (r.header("st") != null && sts.size() < 16 && !sts.contains(r.header("st"))) sts.add(Printable.hint(r.header("st")));
            if (location == null && r.header("location") != null) location = r.header("location");
        }
        if (!sts.isEmpty()) hints.put("ssdp.st", String.join(", ", sts));
        if (location != null) {
            hints.put("upnp.location", Printable.hint(location));
            try {
                UpnpDescription d = UpnpDescription.parse(HttpFetch.get(ctx, location, addr));
                d.fields().forEach((k, v) -> hints.put("upnp." + k, v));
                if (d.fields().containsKey("friendlyName")) names.add(d.fields().get("friendlyName"));
            } catch (ParseException e) {
                hints.put("upnp.descriptionError", Printable.hint(e.getMessage()));
                LOG.debug("ssdp: description of {} unusable: {}", addr, e.getMessage());
            }
        }
        return new Device(null, addr, null, names, hints);
    }
}
