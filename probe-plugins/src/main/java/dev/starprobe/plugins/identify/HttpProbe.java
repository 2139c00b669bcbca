package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.plugins.http.HeadBlock;
import dev.starprobe.spi.ServiceProbe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sends {@code GET / HTTP/1.0} to a silent port and identifies HTTP (and RTSP, which answers HTTP
 * requests with its own status line) by what comes back, whatever the port number.
 */
public final class HttpProbe implements ServiceProbe {
    static final int MAX = 16 * 1024;
    private final FingerprintDb db;

    public HttpProbe() {
        this(FingerprintDb.builtIn());
    }

    HttpProbe(FingerprintDb db) {
        this.db = db;
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.protocol() == null && service.banner() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        String host = ctx.device().address().getHostAddress();
        byte[] req = ("GET / HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: StarProbe\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Duration wait = ctx.ioTimeout();
        return ctx.net().tcp(service.port()).thenCompose(s -> s.write(req)
                .thenCompose(v -> s.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), MAX, wait))
                .whenComplete((b, e) -> s.close()))
                .thenApply(bytes -> identifyResponse(service, bytes))
                .thenCompose(found -> {
                    if (found.isEmpty() || !"http".equals(found.get().protocol())) {
                        return java.util.concurrent.CompletableFuture.completedFuture(found);
                    }
                    return (isUpnpHost(found.get()) ? upnpDescription(ctx, found.get()) : onvif(ctx, found.get()))
                            .thenApply(Optional::of);
                });
    }

    /**
     * One unauthenticated GetDeviceInformation POST: cameras and NVRs answer it (or fault with
     * NotAuthorized) on their web port. Any failure leaves the service as identified.
     */
    private CompletionStage<Service> onvif(ProbeContext ctx, Service service) {
        byte[] req = OnvifDeviceInfo.request(ctx.device().address().getHostAddress());
        return ctx.net().tcp(service.port()).thenCompose(s -> s.write(req)
                        .thenCompose(v -> s.readUntil("Envelope>".getBytes(StandardCharsets.US_ASCII), MAX, ctx.ioTimeout()))
                        .whenComplete((b, e) -> s.close()))
                .thenApply(bytes -> {
                    Map<String, String> found = OnvifDeviceInfo.parse(Printable.latin1(bytes));
                    if (found.isEmpty()) return service;
                    Map<String, String> attrs = new LinkedHashMap<>(service.attributes());
                    attrs.putAll(found);
                    return service.identified(service.protocol(), false, service.product(), service.version(), service.banner(), attrs);
                })
                .exceptionally(e -> service);
    }

    /** A UPnP device host says so in its Server header ("OS/version UPnP/1.1 product/version"). */
    static boolean isUpnpHost(Service s) {
        String server = s.attributes().get("http.server");
        return server != null && server.matches("(?s).*\\bUPnP/\\d.*");
    }

    /**
     * One more GET for the device description: the path SSDP announced when discovery saw it on this
     * port, else miniupnpd's common /rootDesc.xml. Failures leave the service as identified.
     */
    private CompletionStage<Service> upnpDescription(ProbeContext ctx, Service service) {
        String path = descriptionPath(ctx.device().hints().get("upnp.location"), service.port());
        String host = ctx.device().address().getHostAddress();
        byte[] req = ("GET " + path + " HTTP/1.0\r\nHost: " + host + ":" + service.port()
                + "\r\nUser-Agent: StarProbe\r\nAccept: text/xml\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return ctx.net().tcp(service.port()).thenCompose(s -> s.write(req)
                        .thenCompose(v -> s.readUntil("</root>".getBytes(StandardCharsets.US_ASCII), MAX, ctx.ioTimeout()))
                        .whenComplete((b, e) -> s.close()))
                .thenApply(bytes -> {
                    Map<String, String> found = UpnpDescriptionFields.parse(Printable.latin1(bytes));
                    if (found.isEmpty()) return service;
                    Map<String, String> attrs = new LinkedHashMap<>(service.attributes());
                    attrs.put("upnp.description", path);
                    attrs.putAll(found);
                    // stays "http": the HTTP checks must still see this web server
                    return service.identified(service.protocol(), false, service.product(), service.version(), service.banner(), attrs);
                })
                .exceptionally(e -> service);
    }

    static String descriptionPath(String location, int port) {
        if (location != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^http://[^/:]+:(\\d+)(/[\\x21-\\x7e]{0,200})$").matcher(location);
            if (m.find() && Integer.parseInt(m.group(1)) == port) return m.group(2);
        }
        return "/rootDesc.xml";
    }

    Optional<Service> identifyResponse(Service service, byte[] bytes) {
        String text = Printable.latin1(bytes);
        return db.identify("http", text).map(id -> {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("fingerprint", id.fingerprintId());
            HeadBlock head = HeadBlock.parse(text);
            if (head != null) {
                attrs.put("http.status", String.valueOf(head.status()));
                head.header("server").ifPresent(v -> attrs.put("http.server", v));
                head.header("x-powered-by").ifPresent(v -> attrs.put("http.poweredBy", v));
                head.header("www-authenticate").ifPresent(v -> attrs.put("http.auth", v));
                head.header("location").ifPresent(v -> attrs.put("http.location", v));
            }
            String statusLine = text.lines().findFirst().orElse("");
            return service.identified(id.protocol(), false, id.product(), id.version(), Printable.banner(
                    statusLine.getBytes(StandardCharsets.ISO_8859_1)), attrs);
        });
    }
}
