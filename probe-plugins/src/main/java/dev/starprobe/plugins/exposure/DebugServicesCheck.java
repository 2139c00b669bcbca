package dev.starprobe.plugins.exposure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.http.DeviceHttp;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debug and maintenance interfaces (Telnet, ADB, GDB stubs, TR-069 on the LAN, vendor diagnostic
 * pages) from data. One FAIL per interface found. PASS needs the whole TCP range to have been
 * scanned: with a partial port list a debug port elsewhere cannot be ruled out.
 */
public final class DebugServicesCheck extends BlockingCheck {
    private static final CheckDescriptor D = CheckDescriptor.builder("exposure.debug-services")
            .title("No debug or maintenance interfaces reachable over the network")
            .requirements("EN-5.6-4", "EN-5.6-1")
            .deviceLevel()
            .timeout(Duration.ofSeconds(90))
            .build();

    private final Map<String, String> protocols = new LinkedHashMap<>();
    private final Map<Integer, String> httpPorts = new LinkedHashMap<>();
    private final List<String> diagnosticPaths = new ArrayList<>();

    public DebugServicesCheck() {
        try (InputStream in = DebugServicesCheck.class.getResourceAsStream("/dev/starprobe/plugins/exposure/debug-services.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            root.path("protocols").fields().forEachRemaining(e -> protocols.put(e.getKey(), e.getValue().asText()));
            root.path("httpPorts").fields().forEachRemaining(e -> httpPorts.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
            root.path("diagnosticPaths").forEach(p -> diagnosticPaths.add(p.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        List<Finding> findings = new ArrayList<>();
        int httpServices = 0;
        for (Service s : ctx.services()) {
            if (s.transport() != Transport.TCP) continue;
            String what = s.protocol() == null ? null : protocols.get(s.protocol());
            if (what == null && ("http".equals(s.protocol()) || "https".equals(s.protocol()))) what = httpPorts.get(s.port());
            if (what != null) {
                findings.add(ctx.finding(Verdict.FAIL, what + " reachable on TCP port " + s.port()
                                + (s.banner() == null ? "" : " (it answered: " + s.banner() + ")"))
                        .severity(Severity.HIGH).service(s.ref()).evidence(ctx.evidence().file("service", "port-" + s.port() + ".txt",
                                describe(s).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                "identification of the service on port " + s.port())).build());
            }
            if ("http".equals(s.protocol())) {
                httpServices++;
                diagnosticPage(ctx, s.port()).ifPresent(findings::add);
            }
        }
        if (!findings.isEmpty()) return CheckOutcome.completed(findings);
        int scanned = ScanCoverage.tcpPortsScanned(ctx);
        String where = "among " + ctx.services().size() + " services found on " + scanned + " TCP ports scanned"
                + (httpServices > 0 ? ", and no diagnostic page on " + httpServices + " HTTP service(s)" : "");
        if (ScanCoverage.fullTcp(ctx)) {
            return CheckOutcome.completed(ctx.finding(Verdict.PASS, "no debug or maintenance interface " + where)
                    .traffic("diagnostic page requests").build());
        }
        return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "no debug or maintenance interface " + where
                + "; ports outside the scanned list were not examined (scan with -p all to decide)")
                .traffic("diagnostic page requests").build());
    }

    /** A diagnostic page that answers 200 with content unlike a path that cannot exist. */
    private java.util.Optional<Finding> diagnosticPage(CheckContext ctx, int port) {
        DeviceHttp http = new DeviceHttp(ctx);
        try {
            DeviceHttp.Result soft404 = http.get(port, Soft404.baselinePath());
            for (String path : diagnosticPaths) {
                DeviceHttp.Result r = http.get(port, path);
                if (r.status() != 200 || r.body().isBlank()) continue;
                if (!Soft404.exists(soft404.status(), soft404.body(), r.body())) continue;
                return java.util.Optional.of(ctx.finding(Verdict.FAIL, "diagnostic page " + path + " answers on HTTP port "
                        + port + " (200, " + r.body().length() + " bytes, unlike a non-existent path)")
                        .severity(Severity.MEDIUM).service(new dev.starprobe.model.ServiceRef(Transport.TCP, port, "http"))
                        .traffic("diagnostic page request").build());
            }
        } catch (IOException e) {
            // the web server stopped answering; the services found above still decide
        }
        return java.util.Optional.empty();
    }

    private static String describe(Service s) {
        return "port: " + s.port() + "/" + s.transport() + "\nprotocol: " + s.protocol() + "\nproduct: " + s.product()
                + "\nbanner: " + s.banner() + "\nattributes: " + s.attributes() + "\n";
    }
}
