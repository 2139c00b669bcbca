package dev.starprobe.plugins.auth;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The false-positive traps of the new surfaces, on hand-written servers: a login that accepts anyone is no
 * default credential (INCONCLUSIVE), a refusal that repeats the submitted strings is still a refusal (PASS),
 * and only a login that accepts the listed default and nothing else FAILs.
 */
class SurfaceTrapsTest {
    private static final String DC = DefaultCredentialsCheck.ID;

    private static DeviceResult scan(InetAddress host, String tcp, String udp, Path out) {
        ScanRequest r = ScanRequest.of(List.of(host.getHostAddress()), PortSpec.parse(tcp)).withOutDir(out)
                .withAllowed(Set.of(Safety.values())).withProfile(new dev.starprobe.policy.Profile("dc", "default credentials",
                        List.of(DC), List.of()));
        if (udp != null) r = r.withUdpPorts(PortSpec.parse(udp));
        return AuthScans.PROBE.scan(r).devices().get(0);
    }

    // ------------------------------------------------------------------ JSON login API

    /** An HTTP server whose POST /api/login answers {@code login(body)}; GET on it is 405. */
    private static LoopbackServer jsonApi(String address, Function<String, String> login) throws IOException {
        return new LoopbackServer(address, (s, o) -> {
            try {
                s.setSoTimeout(2000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String first = in.readLine();
                if (first == null) return;
                int length = 0;
                for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
                    if (h.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(h.substring(15).strip());
                }
                char[] body = new char[length];
                int n = 0;
                while (n < length) n += in.read(body, n, length - n);
                String answer = first.startsWith("POST /api/login ") ? login.apply(new String(body))
                        : first.startsWith("GET /api/login ") ? http("405 Method Not Allowed", "text/html", "")
                        : http("404 Not Found", "text/html", "<html>not found</html>");
                o.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    private static String http(String status, String type, String body) {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String json(String status, String body) {
        return http(status, "application/json", body);
    }

    private static Finding jsonFinding(DeviceResult d, int port) {
        return AuthScans.on(d, DC, port, "JSON login API");
    }

    @Test
    void jsonLoginThatHandsATokenToAnyoneIsNoDefaultCredential(@TempDir Path out) throws Exception {
        try (var srv = jsonApi("127.0.3.1", body -> json("200 OK", "{\"token\":\"" + System.nanoTime() + "\"}"))) {
            Finding f = jsonFinding(scan(srv.address(), Integer.toString(srv.port()), null, out), srv.port());
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("random credentials were accepted"), f.reason());
        }
    }

    @Test
    void jsonRefusalThatRepeatsTheSubmittedCredentialIsStillARefusal(@TempDir Path out) throws Exception {
        try (var srv = jsonApi("127.0.3.2", body -> json("401 Unauthorized", "{\"error\":\"login failed for " + body
                .replace("\"", "'") + " (factory default admin/admin)\"}"))) {
            Finding f = jsonFinding(scan(srv.address(), Integer.toString(srv.port()), null, out), srv.port());
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
        }
    }

    @Test
    void jsonLoginThatAcceptsOnlyTheDefaultFails(@TempDir Path out) throws Exception {
        try (var srv = jsonApi("127.0.3.3", body -> body.contains("\"username\":\"admin\"") && body.contains("\"password\":\"admin\"")
                ? json("200 OK", "{\"data\":{\"token\":\"abc123\"},\"success\":true}")
                : json("200 OK", "{\"success\":false,\"msg\":\"bad login\"}"))) {
            Finding f = jsonFinding(scan(srv.address(), Integer.toString(srv.port()), null, out), srv.port());
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
        }
    }

    @Test
    void tokenApiThatRefusesEveryPathHasNoLoginToTest(@TempDir Path out) throws Exception {
        // an authentication filter in front of the whole API: 401 JSON for any path, so nothing says a login is there
        try (var srv = new LoopbackServer("127.0.3.8", (s, o) -> {
            try {
                s.setSoTimeout(2000);
                s.getInputStream().read(new byte[4096]);
                o.write(json("401 Unauthorized", "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                // client went away
            }
        })) {
            DeviceResult d = scan(srv.address(), Integer.toString(srv.port()), null, out);
            assertTrue(d.findings().stream().noneMatch(f -> f.checkId().equals(DC)), d.findings().toString());
            assertTrue(d.executions().stream().anyMatch(e -> e.checkId().equals(DC)
                    && e.status() == dev.starprobe.model.ExecutionStatus.NOT_APPLICABLE), d.executions().toString());
        }
    }

    @Test
    void jsonEndpointThatIsAPageForEveryPathGivesNoPass(@TempDir Path out) throws Exception {
        // a 401 to GET makes the endpoint look present, but POST answers an HTML page: no JSON login, no PASS
        try (var srv = new LoopbackServer("127.0.3.4", (s, o) -> {
            try {
                s.setSoTimeout(2000);
                String req = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                if (req == null) return;
                o.write((req.startsWith("GET /api/v1/login ") ? http("401 Unauthorized", "text/html", "<html>login</html>")
                        : req.startsWith("POST") ? http("200 OK", "text/html", "<html>welcome</html>")
                        : http("404 Not Found", "text/html", "")).getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                // client went away
            }
        })) {
            Finding f = jsonFinding(scan(srv.address(), Integer.toString(srv.port()), null, out), srv.port());
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("did not answer as a JSON login API"), f.reason());
        }
    }

    // ------------------------------------------------------------------ FTP

    /** An FTP control connection: greeting, then {@code login(user, password)} answers PASS (USER always 331). */
    private static LoopbackServer ftp(String address, BiFunction<String, String, String> login) throws IOException {
        return new LoopbackServer(address, (s, o) -> {
            try {
                s.setSoTimeout(3000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                o.write("220 test FTP\r\n".getBytes());
                String user = null;
                for (String l; (l = in.readLine()) != null; ) {
                    String reply;
                    if (l.startsWith("USER ")) {
                        user = l.substring(5);
                        reply = "331 Password required";
                    } else if (l.startsWith("PASS ")) {
                        reply = login.apply(user, l.substring(5));
                    } else if (l.startsWith("QUIT")) {
                        o.write("221 Bye\r\n".getBytes());
                        return;
                    } else {
                        reply = "530 Not logged in";
                    }
                    o.write((reply + "\r\n").getBytes());
                    o.flush();
                }
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    @Test
    void anonymousFtpIsAnAcceptedUniversalLogin(@TempDir Path out) throws Exception {
        try (var srv = ftp("127.0.3.5", (u, p) -> u.equals("anonymous") ? "230 Anonymous access granted" : "530 Login incorrect")) {
            Finding f = AuthScans.on(scan(srv.address(), Integer.toString(srv.port()), null, out), DC, srv.port(), "FTP");
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("anonymous"), f.reason());
        }
    }

    @Test
    void ftpThatLetsEveryoneInIsNoDefaultCredential(@TempDir Path out) throws Exception {
        try (var srv = ftp("127.0.3.6", (u, p) -> "230 Welcome")) {
            Finding f = AuthScans.on(scan(srv.address(), Integer.toString(srv.port()), null, out), DC, srv.port(), "FTP");
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
        }
    }

    // ------------------------------------------------------------------ SNMP

    @Test
    void snmpAgentThatAnswersEveryCommunityIsNoDefaultCredential(@TempDir Path out) throws Exception {
        InetAddress host = InetAddress.getByName("127.0.3.7");
        try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(host, 161))) {
            Thread t = new Thread(() -> answerEveryGet(agent), "snmp-any-community");
            t.setDaemon(true);
            t.start();
            Finding f = AuthScans.on(scan(host, "1", "161", out), DC, 161, "SNMP");
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("random credentials were accepted"), f.reason());
        }
    }

    /**
     * An agent that speaks SNMPv1 only (as older cameras, printers and PLC modules do) and accepts "public": it
     * ignores the port scan's v2c and v3 requests, so only a v1 request finds it and proves the community.
     */
    @Test
    void snmpV1OnlyAgentIsFoundAndItsDefaultCommunityProved(@TempDir Path out) throws Exception {
        InetAddress host = InetAddress.getByName("127.0.3.8");
        try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(host, 161))) {
            Thread t = new Thread(() -> answerV1Gets(agent, "public"), "snmp-v1-only");
            t.setDaemon(true);
            t.start();
            DeviceResult d = scan(host, "1", "161", out);
            assertTrue(d.services().stream().anyMatch(s -> s.port() == 161 && "snmp".equals(s.protocol())
                    && "snmp-v1-public-sysdescr".equals(s.attributes().get("udp.probe"))), d.services().toString());
            Finding f = AuthScans.on(d, DC, 161, "SNMP");
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
        }
    }

    /** Answers v1 GetRequests carrying {@code community} (PDU tag 0xa0 -> 0xa2); drops everything else. */
    private static void answerV1Gets(DatagramSocket agent, String community) {
        byte[] buf = new byte[1500];
        byte[] expected = community.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        while (!agent.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                agent.receive(p);
                byte[] m = java.util.Arrays.copyOf(p.getData(), p.getLength());
                // SEQUENCE, INTEGER version 0 (v1), OCTET STRING community, PDU: short-form lengths only
                if (m.length < 8 || m[2] != 0x02 || m[3] != 0x01 || m[4] != 0x00 || m[5] != 0x04) continue;
                int len = m[6] & 0xff;
                if (7 + len >= m.length || !java.util.Arrays.equals(m, 7, 7 + len, expected, 0, expected.length)) continue;
                if (m[7 + len] != (byte) 0xa0) continue;
                m[7 + len] = (byte) 0xa2;
                agent.send(new DatagramPacket(m, m.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Turns each v2c GetRequest into a Response by its PDU tag (0xa0 -> 0xa2), whatever the community. */
    private static void answerEveryGet(DatagramSocket agent) {
        byte[] buf = new byte[1500];
        while (!agent.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                agent.receive(p);
                byte[] m = java.util.Arrays.copyOf(p.getData(), p.getLength());
                int community = 2 + 3; // SEQUENCE header, INTEGER version
                if (m.length < 8 || m[2] != 0x02 || m[4] != 0x01) continue; // not v2c
                int pdu = community + 2 + (m[community + 1] & 0xff);
                if (m[pdu] != (byte) 0xa0) continue;
                m[pdu] = (byte) 0xa2;
                agent.send(new DatagramPacket(m, m.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }
}
