package dev.starprobe.plugins.exposure;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebugServicesCheckTest {
    private static final Probe PROBE = Probe.load(null);

    private static List<Finding> findings(DeviceResult d) {
        return d.findings().stream().filter(f -> f.checkId().equals("exposure.debug-services")).toList();
    }

    private static DeviceResult scan(String addr, PortSpec ports, Path out) {
        return PROBE.scan(ScanRequest.of(List.of(addr), ports).withOutDir(out)).devices().get(0);
    }

    @Test
    void adbOnAnUnusualPortIsFoundByWhatItSays(@TempDir Path out) throws Exception {
        try (var adb = new LoopbackServer("127.0.5.1", (s, o) -> {
            try {
                byte[] head = s.getInputStream().readNBytes(4);
                if (new String(head, StandardCharsets.US_ASCII).equals("CNXN")) {
                    o.write("CNXN\u0000\u0000\u0000\u0001\u0000\u0010\u0000\u0000device::ro.product.name=probe;".getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                }
            } catch (IOException ignored) {
                // client went away
            }
        })) {
            DeviceResult d = scan("127.0.5.1", PortSpec.of(adb.port()), out);
            assertEquals("adb", d.services().get(0).protocol(), d.services().toString());
            List<Finding> f = findings(d);
            assertEquals(1, f.size());
            assertEquals(Verdict.FAIL, f.get(0).verdict());
            assertTrue(f.get(0).reason().contains("Android Debug Bridge"));
        }
    }

    private static LoopbackServer web(String addr, Function<String, String> byPath) throws IOException {
        return new LoopbackServer(addr, (s, o) -> {
            try {
                byte[] buf = new byte[4096];
                int n = s.getInputStream().read(buf);
                if (n <= 0) return;
                String path = new String(buf, 0, n, StandardCharsets.ISO_8859_1).split(" ")[1];
                String body = byPath.apply(path);
                o.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes());
                o.flush();
            } catch (IOException | ArrayIndexOutOfBoundsException ignored) {
                // client went away or sent something else
            }
        });
    }

    @Test
    void diagnosticPageFailsButACatchAllServerDoesNot(@TempDir Path out) throws Exception {
        try (var diag = web("127.0.5.2", p -> p.equals("/diag") ? "<h1>Diagnostics</h1><form>ping <input name=host></form>" + "x".repeat(400) : "<html>home</html>")) {
            List<Finding> f = findings(scan("127.0.5.2", PortSpec.of(diag.port()), out));
            assertEquals(Verdict.FAIL, f.get(0).verdict(), f.toString());
            assertTrue(f.get(0).reason().contains("/diag"));
        }
        try (var spa = web("127.0.5.3", p -> "<html>single page app shell</html>")) {
            List<Finding> f = findings(scan("127.0.5.3", PortSpec.of(spa.port()), out));
            assertEquals(1, f.size());
            assertEquals(Verdict.INCONCLUSIVE, f.get(0).verdict(), "a partial port scan never yields PASS: " + f);
        }
    }
}
