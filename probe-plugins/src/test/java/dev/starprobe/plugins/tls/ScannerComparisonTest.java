package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.plugins.tls.fixtures.OpenSslServer;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * StarProbe against sslscan and testssl.sh on the same loopback endpoint (an OpenSSL s_server with
 * every protocol from TLS 1.0 and every suite OpenSSL has, anonymous ones included): the same
 * protocols and the same suites per version must come out, and the times are printed side by side.
 * The tools run beside StarProbe as separate processes (GPL/AGPL: run, never copied); each part
 * is skipped with a message when its tool is not installed.
 */
@org.junit.jupiter.api.parallel.Isolated
class ScannerComparisonTest {
    private static final String HOST = "127.0.12.10";
    private static Path dir;
    private static OpenSslServer server;
    private static Map<String, TreeSet<String>> starprobe;
    private static long starprobeMillis;
    /** tls.protocols + tls.cipher-suites, with the default politeness and with the rate limit off */
    private static long enumerationMillis;
    private static long enumerationUnthrottledMillis;
    private static int handshakes;

    @BeforeAll
    static void startServerAndScan() throws Exception {
        Assumptions.assumeTrue(OpenSslServer.available(), "openssl not installed: no reference endpoint, comparison skipped");
        dir = Files.createTempDirectory("tls-compare");
        var id = TestPki.selfSigned(TestPki.Kind.RSA_2048, "compare", "SHA256withRSA", Instant.now().minus(Duration.ofDays(1)),
                Duration.ofDays(30), HOST);
        server = new OpenSslServer(HOST, id, dir, "-cipher", "ALL:@SECLEVEL=0", "-min_protocol", "TLSv1");
        long t0 = System.nanoTime();
        DeviceResult d = TlsScans.scan(HOST, server.port(), dir.resolve("scan"));
        starprobeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        starprobe = fromEnumerationTable(d, dir.resolve("scan"));
        enumerationMillis = enumeration(d);
        handshakes = handshakes(d);
        var fast = TlsScans.PROBE.scan(dev.starprobe.engine.ScanRequest.of(java.util.List.of(HOST),
                        dev.starprobe.engine.PortSpec.of(server.port())).withOutDir(dir.resolve("scan-unthrottled"))
                .withNet(dev.starprobe.net.NetSettings.defaults().withPerDevice(4, 0))).devices().get(0);
        enumerationUnthrottledMillis = enumeration(fast);
    }

    private static long enumeration(DeviceResult d) {
        return d.executions().stream().filter(e -> e.checkId().equals("tls.protocols") || e.checkId().equals("tls.cipher-suites"))
                .mapToLong(e -> e.elapsedMillis()).sum();
    }

    private static int handshakes(DeviceResult d) {
        return d.findings().stream().filter(f -> f.checkId().equals("tls.cipher-suites")).flatMap(f -> f.evidence().stream())
                .map(e -> Pattern.compile("(\\d+) ClientHellos").matcher(String.valueOf(e.note())))
                .filter(Matcher::find).mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElse(-1);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** Versions and suite codes from StarProbe's own evidence file (what a user reads). */
    private static Map<String, TreeSet<String>> fromEnumerationTable(DeviceResult d, Path out) throws IOException {
        EvidenceRef table = d.findings().stream().filter(f -> f.checkId().equals("tls.cipher-suites"))
                .flatMap(f -> f.evidence().stream()).filter(e -> e.kind().equals("enumeration")).findFirst()
                .orElseThrow(() -> new AssertionError("no enumeration evidence in " + d.findings()));
        Map<String, TreeSet<String>> m = new TreeMap<>();
        String version = null;
        for (String line : Files.readAllLines(out.resolve(table.path()))) {
            Matcher v = Pattern.compile("^(TLSv1\\.[0-3]|SSLv3): ").matcher(line);
            if (v.find()) {
                version = v.group(1);
                m.put(version, new TreeSet<>());
            }
            Matcher s = Pattern.compile("^\\s+\\d+\\. 0x([0-9A-F]{4}) ").matcher(line);
            if (s.find() && version != null) m.get(version).add(s.group(1));
        }
        return m;
    }

    private static String run(long[] millis, String... cmd) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
        millis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return out;
    }

    private static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void report(String tool, Map<String, TreeSet<String>> theirs, long theirMillis) {
        StringBuilder b = new StringBuilder("\n=== StarProbe vs " + tool + " on " + HOST + ":" + server.port() + " (OpenSSL s_server, ALL:@SECLEVEL=0, TLS 1.0-1.3)\n");
        for (String v : new TreeSet<>(union(starprobe.keySet(), theirs.keySet()))) {
            b.append(String.format("%-8s StarProbe %3d suites, %s %3d suites%n", v, starprobe.getOrDefault(v, new TreeSet<>()).size(),
                    tool, theirs.getOrDefault(v, new TreeSet<>()).size()));
        }
        b.append(String.format("time: %s %d ms (its whole run)%n", tool, theirMillis));
        b.append(String.format("time: StarProbe protocol + suite enumeration %d ms with the default per-device politeness"
                + " (4 connections, 50 new/s), %d ms with the rate limit off (4 connections); %d suite/group handshakes%n",
                enumerationMillis, enumerationUnthrottledMillis, handshakes));
        b.append(String.format("time: StarProbe whole scan of the endpoint (port scan, identification, every check incl."
                + " certificate, features, DTLS and cleartext probes) %d ms%n", starprobeMillis));
        System.out.println(b);
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    @Test
    void sameProtocolsAndSuitesAsSslscan() throws Exception {
        Assumptions.assumeTrue(installed("sslscan"), "sslscan not installed (apt-get install sslscan): comparison skipped");
        long[] ms = new long[1];
        String xml = run(ms, "sslscan", "--no-colour", "--xml=-", "--no-heartbleed", "--no-renegotiation", "--no-compression",
                "--no-fallback", "--no-check-certificate", HOST + ":" + server.port());
        Map<String, TreeSet<String>> theirs = new TreeMap<>();
        Matcher proto = Pattern.compile("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"1\"").matcher(xml);
        while (proto.find()) theirs.put(label(proto.group(1), proto.group(2)), new TreeSet<>());
        Matcher c = Pattern.compile("<cipher status=\"\\w+\" sslversion=\"(\\w+)v([0-9.]+)\"[^>]*id=\"0x([0-9A-Fa-f]{4})\"").matcher(xml);
        while (c.find()) theirs.computeIfAbsent(label(c.group(1).toLowerCase(), c.group(2)), k -> new TreeSet<>()).add(c.group(3).toUpperCase());
        report("sslscan", theirs, ms[0]);
        assertEquals(theirs.keySet(), starprobe.keySet(), "protocols");
        for (String v : theirs.keySet()) assertEquals(theirs.get(v), starprobe.get(v), "suites in " + v);
    }

    @Test
    void sameProtocolsAndSuitesAsTestssl() throws Exception {
        Assumptions.assumeTrue(installed("testssl"), "testssl (testssl.sh) not installed: comparison skipped");
        Path json = dir.resolve("testssl.json");
        long[] ms = new long[1];
        run(ms, "testssl", "--quiet", "--color", "0", "--warnings", "off", "-p", "-E", "--jsonfile", json.toString(),
                HOST + ":" + server.port());
        String j = Files.readString(json);
        Map<String, TreeSet<String>> theirs = new TreeMap<>();
        Map<String, String> names = new LinkedHashMap<>(Map.of("SSLv3", "SSLv3", "TLS1", "TLSv1.0", "TLS1_1", "TLSv1.1",
                "TLS1_2", "TLSv1.2", "TLS1_3", "TLSv1.3"));
        Matcher p = Pattern.compile("\"id\"\\s*:\\s*\"(SSLv3|TLS1|TLS1_1|TLS1_2|TLS1_3)\"[^}]*\"finding\"\\s*:\\s*\"offered").matcher(j);
        while (p.find()) theirs.put(names.get(p.group(1)), new TreeSet<>());
        Matcher c = Pattern.compile("\"id\"\\s*:\\s*\"cipher-(ssl3|tls1|tls1_1|tls1_2|tls1_3)_x([0-9a-f]+)\"").matcher(j);
        Map<String, String> pv = Map.of("ssl3", "SSLv3", "tls1", "TLSv1.0", "tls1_1", "TLSv1.1", "tls1_2", "TLSv1.2", "tls1_3", "TLSv1.3");
        while (c.find()) {
            String code = String.format("%04X", Integer.parseInt(c.group(2), 16));
            theirs.computeIfAbsent(pv.get(c.group(1)), k -> new TreeSet<>()).add(code);
        }
        report("testssl", theirs, ms[0]);
        assertEquals(theirs.keySet(), starprobe.keySet(), "protocols");
        for (String v : theirs.keySet()) assertEquals(theirs.get(v), starprobe.get(v), "suites in " + v);
    }

    private static String label(String type, String version) {
        if (type.equals("ssl")) return "SSLv" + version;
        return "TLSv" + version;
    }
}
