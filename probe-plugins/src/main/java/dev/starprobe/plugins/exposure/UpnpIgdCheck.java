package dev.starprobe.plugins.exposure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Service;
import dev.starprobe.model.ServiceRef;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.discovery.ParseException;
import dev.starprobe.plugins.discovery.SafeXml;
import dev.starprobe.plugins.http.DeviceHttp;
import dev.starprobe.plugins.http.HeadBlock;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.Session;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UPnP Internet Gateway Devices let any LAN host open ports towards the Internet unless they refuse
 * unauthenticated AddPortMapping. A SAFE run reads the description and reports the port-mapping
 * service it offers (INCONCLUSIVE: offering is not accepting). Only when the user allows INTRUSIVE
 * checks for the device does it request one short-lived mapping and delete it at once: accepted is
 * a FAIL, refused (UPnPError 606 / 401 / 403) a PASS.
 */
public final class UpnpIgdCheck extends BlockingCheck {
    static final int MAX_RESPONSE = 16 * 1024;
    private static final CheckDescriptor D = CheckDescriptor.builder("exposure.upnp-igd")
            .title("UPnP IGD does not let unauthenticated LAN hosts open ports")
            .requirements("EN-5.6-1", "EN-5.5-5")
            .deviceLevel()
            .timeout(Duration.ofSeconds(60))
            .build();

    private final List<String> descriptionPaths = new ArrayList<>();
    private final List<String> mappingServices = new ArrayList<>();

    public UpnpIgdCheck() {
        try (InputStream in = UpnpIgdCheck.class.getResourceAsStream("/dev/starprobe/plugins/exposure/upnp.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            root.path("descriptionPaths").forEach(p -> descriptionPaths.add(p.asText()));
            root.path("portMappingServices").forEach(p -> mappingServices.add(p.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    /** Where the port-mapping control endpoint is: the HTTP port and path of its controlURL. */
    record Control(int port, String path, String serviceType, String descriptionPath) {
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        List<Service> http = ctx.services().stream()
                .filter(s -> s.transport() == Transport.TCP && "http".equals(s.protocol())).toList();
        if (http.isEmpty()) return CheckOutcome.notApplicable("no plain HTTP service: no UPnP description to read");
        Optional<Control> control = Optional.empty();
        DeviceHttp client = new DeviceHttp(ctx);
        for (Service s : http) {
            control = findControl(client, s.port());
            if (control.isPresent()) break;
        }
        if (control.isEmpty()) {
            return CheckOutcome.notApplicable("no UPnP IGD port-mapping service described on " + http.size()
                    + " HTTP service(s) (" + descriptionPaths.size() + " description paths tried)");
        }
        Control c = control.get();
        ServiceRef ref = new ServiceRef(Transport.TCP, c.port(), "http");
        if (!ctx.options().allowedSafety().contains(Safety.INTRUSIVE)) {
            return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, c.serviceType() + " is described at "
                            + c.descriptionPath() + " with control " + c.path() + " (AddPortMapping offered); whether it refuses"
                            + " unauthenticated requests is only tested with --allow intrusive")
                    .service(ref).traffic("UPnP description").build());
        }
        int external = ThreadLocalRandom.current().nextInt(40000, 60000);
        String reply = soap(ctx, c, "AddPortMapping", "<NewRemoteHost></NewRemoteHost><NewExternalPort>" + external
                + "</NewExternalPort><NewProtocol>TCP</NewProtocol><NewInternalPort>" + external
                + "</NewInternalPort><NewInternalClient>%LOCAL%</NewInternalClient><NewEnabled>1</NewEnabled>"
                + "<NewPortMappingDescription>StarProbe test (deleted at once)</NewPortMappingDescription>"
                + "<NewLeaseDuration>60</NewLeaseDuration>");
        HeadBlock head = HeadBlock.parse(reply);
        int status = head == null ? -1 : head.status();
        if (status == 200) {
            soap(ctx, c, "DeletePortMapping", "<NewRemoteHost></NewRemoteHost><NewExternalPort>" + external
                    + "</NewExternalPort><NewProtocol>TCP</NewProtocol>");
            return CheckOutcome.completed(ctx.finding(Verdict.FAIL, "AddPortMapping was accepted without authentication on "
                            + c.path() + " (external port " + external + "; the mapping was deleted again)")
                    .severity(Severity.HIGH).service(ref).traffic("AddPortMapping accepted, then DeletePortMapping").build());
        }
        boolean refused = status == 401 || status == 403 || (status == 500 && (reply.contains("<errorCode>606</errorCode>")
                || reply.contains("<errorCode>401</errorCode>")));
        return CheckOutcome.completed(refused
                ? ctx.finding(Verdict.PASS, "AddPortMapping from an unauthenticated LAN host was refused on " + c.path()
                        + " (HTTP " + status + ")").service(ref).traffic("AddPortMapping refused").build()
                : ctx.finding(Verdict.INCONCLUSIVE, "AddPortMapping on " + c.path() + " answered HTTP " + status
                        + " without a recognised refusal").service(ref).traffic("AddPortMapping answer").build());
    }

    private Optional<Control> findControl(DeviceHttp client, int port) {
        for (String path : descriptionPaths) {
            try {
                DeviceHttp.Result r = client.get(port, path);
                if (r.status() != 200) continue;
                Document doc = SafeXml.parse(r.body().getBytes(StandardCharsets.UTF_8));
                NodeList services = doc.getElementsByTagNameNS("*", "service");
                for (int i = 0; i < services.getLength(); i++) {
                    Element s = (Element) services.item(i);
                    String type = SafeXml.childText(s, "serviceType");
                    String url = SafeXml.childText(s, "controlURL");
                    if (type == null || url == null || mappingServices.stream().noneMatch(type::startsWith)) continue;
                    Optional<Control> c = sameHostPath(url, port).map(p -> new Control(p.port(), p.path(), type, path));
                    if (c.isPresent()) return c;
                }
            } catch (IOException | ParseException | RuntimeException e) {
                // not a description here (or not parseable): try the next path
            }
        }
        return Optional.empty();
    }

    private record PortPath(int port, String path) {
    }

    /** Relative control URLs stay on the description's port; absolute ones only count on this device. */
    private static Optional<PortPath> sameHostPath(String url, int port) {
        if (url.startsWith("/")) return Optional.of(new PortPath(port, url));
        if (!url.startsWith("http://")) return Optional.of(new PortPath(port, "/" + url));
        try {
            java.net.URI u = java.net.URI.create(url);
            return Optional.of(new PortPath(u.getPort() > 0 ? u.getPort() : 80, u.getRawPath()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One SOAP request over a raw session (its local address is the internal client to map to). */
    private static String soap(CheckContext ctx, Control c, String action, String args) throws Exception {
        Session s = ctx.net().tcp(c.port()).toCompletableFuture().get();
        try {
            String body = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                    + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action
                    + " xmlns:u=\"" + c.serviceType() + "\">" + args.replace("%LOCAL%", s.local().getAddress().getHostAddress())
                    + "</u:" + action + "></s:Body></s:Envelope>";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String req = "POST " + c.path() + " HTTP/1.0\r\nHost: " + ctx.device().address().getHostAddress() + ":" + c.port()
                    + "\r\nContent-Type: text/xml; charset=\"utf-8\"\r\nSOAPAction: \"" + c.serviceType() + "#" + action
                    + "\"\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n" + body;
            s.write(req.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get();
            byte[] reply = s.readUntil(new byte[]{0}, MAX_RESPONSE, ctx.options().ioTimeout()).toCompletableFuture().get();
            return new String(reply, StandardCharsets.ISO_8859_1);
        } finally {
            s.close();
        }
    }
}
