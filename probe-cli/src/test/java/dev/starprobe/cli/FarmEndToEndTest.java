package dev.starprobe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.starprobe.evidence.EvidenceVerifier;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A nightly farm run on loopback: inventory, shards, merge, diff against a baseline. */
class FarmEndToEndTest {
    private static final String SECRET = "Tr0ub4dor-xyz";

    private static Path inventory(Path dir, int camPort, int plugPort, String camFirmware) throws Exception {
        Files.writeString(dir.resolve("cam.secret"), SECRET + "\n");
        Path f = dir.resolve("farm.yaml");
        Files.writeString(f, """
                version: 1
                devices:
                  - name: cam-01
                    address: 127.0.0.71
                    firmware: "%s"
                    services: [tcp/%d]
                    credentials:
                      admin: {user: admin, secret: "file:cam.secret"}
                    category: camera
                    level: star_2
                  - name: plug-01
                    address: 127.0.0.72
                    firmware: "2.0"
                    services: [tcp/%d]
                """.formatted(camFirmware, camPort, plugPort));
        return f;
    }

    private static String everything(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".pcap")).toList()) {
                sb.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }

    @Test
    void inventoryScanRecordsDeclarationsAndNeverWritesASecret(@TempDir Path dir) throws Exception {
        // the camera echoes its admin password in its banner: a real leak, which must not reach a report
        try (LoopbackServer cam = EvidenceEndToEndTest.telnet("127.0.0.71", "welcome, password is " + SECRET + "\r\nlogin: ");
             LoopbackServer plug = EvidenceEndToEndTest.http("127.0.0.72", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            Path out = dir.resolve("out");
            CliRun r = CliRun.of("scan", "--inventory", inventory(dir, cam.port(), plug.port(), "1.2.0").toString(),
                    "-p", cam.port() + "," + plug.port(), "-o", out.toString(), "--no-progress", "--no-capture");
            assertEquals(Main.FAILED, r.exit(), r.err());
            String json = Files.readString(out.resolve("report.json"));
            assertEquals(List.of(), ReportSchema.violations(json));
            JsonNode report = new ObjectMapper().readTree(json);
            assertEquals("farm.yaml", report.path("parameters").path("inventory").asText());
            JsonNode camera = report.path("devices").get(0);
            assertEquals("cam-01", camera.path("inventory").path("name").asText());
            assertEquals("1.2.0", camera.path("inventory").path("firmware").asText());
            assertEquals("admin", camera.path("inventory").path("credentials").get(0).asText());
            assertEquals("CAMERA", camera.path("classification").path("category").asText());
            assertTrue(camera.path("classification").path("overridden").asBoolean());
            assertTrue(camera.path("services").get(0).path("banner").asText().contains("<redacted>"), "the banner was redacted");

            assertFalse(everything(out).contains(SECRET), "no report, transcript or manifest holds the secret");
            assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET));
        }
    }

    @Test
    void shardsMergeIntoOneReportAndTheNextNightsRegressionFailsTheDiff(@TempDir Path dir) throws Exception {
        try (LoopbackServer cam = EvidenceEndToEndTest.http("127.0.0.71", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
             LoopbackServer plug = EvidenceEndToEndTest.http("127.0.0.72", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            String ports = cam.port() + "," + plug.port();
            Path inv = inventory(dir, cam.port(), plug.port(), "1.2.0");
            List<String> shardReports = new ArrayList<>();
            int devices = 0;
            for (int k = 1; k <= 2; k++) {
                Path out = dir.resolve("night1/shard-" + k);
                CliRun r = CliRun.of("scan", "--inventory", inv.toString(), "--shard", k + "/2", "-p", ports,
                        "-o", out.toString(), "--no-progress", "--no-capture");
                assertTrue(r.exit() == Main.OK || r.exit() == Main.FAILED, r.err());
                JsonNode rep = new ObjectMapper().readTree(out.resolve("report.json").toFile());
                assertEquals(k + "/2", rep.path("parameters").path("shards").get(0).asText());
                devices += rep.path("devices").size();
                shardReports.add(out.resolve("report.json").toString());
            }
            assertEquals(2, devices, "every device in exactly one shard");

            Path merged = dir.resolve("night1/merged/report.json");
            List<String> args = new ArrayList<>(List.of("merge"));
            args.addAll(shardReports);
            args.addAll(List.of("-o", merged.toString()));
            CliRun m = CliRun.of(args.toArray(String[]::new));
            assertEquals(Main.OK, m.exit(), m.err());
            String json = Files.readString(merged);
            assertEquals(List.of(), ReportSchema.violations(json));
            var report = JsonReport.read(merged);
            assertEquals(2, report.devices().size());
            assertEquals(List.of("1/2", "2/2"), report.parameters().shards());
            assertEquals(List.of(), new EvidenceVerifier().verify(report, merged.getParent()), "evidence links survive the merge");
            assertTrue(Files.exists(dir.resolve("night1/merged/report.html")));
            assertTrue(Files.exists(dir.resolve("night1/merged/report.junit.xml")));

            // night 2: the camera's new firmware opens Telnet
            try (LoopbackServer telnet = EvidenceEndToEndTest.telnet("127.0.0.71", "login: ")) {
                Path inv2 = inventory(dir, cam.port(), plug.port(), "1.3.0");
                Path out2 = dir.resolve("night2");
                CliRun r2 = CliRun.of("scan", "--inventory", inv2.toString(), "-p", ports + "," + telnet.port(),
                        "-o", out2.toString(), "--no-progress", "--no-capture");
                assertEquals(Main.FAILED, r2.exit(), r2.err());

                CliRun diff = CliRun.of("diff", merged.toString(), out2.resolve("report.json").toString());
                assertEquals(Main.FAILED, diff.exit(), diff.out() + diff.err());
                assertTrue(diff.out().contains("cam-01 [127.0.0.71] 127.0.0.71  firmware 1.2.0 -> 1.3.0"), diff.out());
                assertTrue(diff.out().contains("NEW FAIL   cleartext.telnet " + telnet.port() + "/tcp"), diff.out());
                assertTrue(diff.out().contains("OPENED     " + telnet.port() + "/tcp telnet"), diff.out());
                assertTrue(diff.out().contains("result: REGRESSED"), diff.out());

                CliRun asJson = CliRun.of("diff", merged.toString(), out2.resolve("report.json").toString(), "--json");
                assertEquals(Main.FAILED, asJson.exit());
                JsonNode d = new ObjectMapper().readTree(asJson.out());
                assertTrue(d.path("regressed").asBoolean());
                List<String> newFails = new ArrayList<>();
                for (JsonNode dev : d.path("devices")) newFails.addAll(dev.path("newFails").findValuesAsText("checkId"));
                assertTrue(newFails.contains("cleartext.telnet"), newFails.toString());
                assertTrue(newFails.contains("exposure.undeclared-services"), "the inventory's services are the declaration: " + newFails);
                assertEquals(newFails.size(), d.path("summary").path("newFails").asInt());

                CliRun same = CliRun.of("diff", out2.resolve("report.json").toString(), out2.resolve("report.json").toString());
                assertEquals(Main.OK, same.exit(), same.out());
            }
        }
    }

    @Test
    void badFarmInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("farm.yaml");
        Files.writeString(bad, "devices:\n  - name: cam\n    adress: 127.0.0.71\n");
        CliRun r = CliRun.of("scan", "--inventory", bad.toString(), "-o", dir.resolve("o").toString(), "--no-progress");
        assertEquals(Main.USAGE, r.exit());
        assertEquals("starprobe: inventory " + bad + ": devices[0] (cam): unknown key 'adress' (expected address, allow, category,"
                + " credentials, firmware, level, mac, name, services)", r.err().strip());

        CliRun noInv = CliRun.of("scan", "127.0.0.71", "--shard", "1/2", "-o", dir.resolve("o").toString());
        assertEquals(Main.USAGE, noInv.exit());
        assertTrue(noInv.err().contains("--shard splits an inventory"), noInv.err());

        Path garbage = dir.resolve("baseline.json");
        Files.writeString(garbage, "{ nope");
        CliRun diff = CliRun.of("diff", garbage.toString(), garbage.toString());
        assertEquals(Main.USAGE, diff.exit());
        assertTrue(diff.err().startsWith("starprobe: " + garbage + " is not a readable StarProbe report"), diff.err());
        assertEquals(1, diff.err().strip().lines().count());

        CliRun missing = CliRun.of("merge", dir.resolve("nope.json").toString(), "-o", dir.resolve("m.json").toString());
        assertEquals(Main.USAGE, missing.exit());
        assertTrue(missing.err().contains("nope.json"), missing.err());
    }

    @Test
    void aShardWithNoDeviceStillWritesAnEmptyReport(@TempDir Path dir) throws Exception {
        Path inv = dir.resolve("one.yaml");
        Files.writeString(inv, "devices: [{name: only, address: 127.0.0.73}]\n");
        String[] shards = {"1/2", "2/2"};
        int empty = 0;
        for (String s : shards) {
            Path out = dir.resolve("s" + s.charAt(0));
            // the port is closed: the device yields no findings either way
            CliRun r = CliRun.of("scan", "--inventory", inv.toString(), "--shard", s, "-p", "1", "-o", out.toString(),
                    "--no-progress", "--no-capture");
            assertEquals(Main.OK, r.exit(), r.err());
            JsonNode rep = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertEquals(List.of(), ReportSchema.violations(rep.toString()));
            if (rep.path("devices").isEmpty()) {
                empty++;
                assertTrue(rep.path("warnings").get(0).asText().contains("holds no device"));
            }
        }
        assertEquals(1, empty);
    }
}
