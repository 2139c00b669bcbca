package dev.starprobe.lab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.lab.BuiltInLab;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of docker/ without an engine (none runs on the CI machine): the farm in
 * compose.yaml names real fixtures, keeps to its private 198.18.0.0/24 network with the namespace
 * LAN's address and MAC scheme, and the probe scans exactly the devices' block with the capabilities
 * capture needs; the fixture Dockerfile builds the launcher with the profile the pom defines and
 * copies files that exist.
 */
class DockerFilesTest {
    private static final Path ROOT = root();
    private static final Pattern DEVICE_IP = Pattern.compile("198\\.18\\.0\\.(\\d+)");

    private static Path root() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("docker")) && Files.isRegularFile(d.resolve("lab-fixtures/pom.xml"))) return d;
        }
        throw new IllegalStateException("repository root not found");
    }

    @Test
    void composeFarmUsesRealDevicesOnItsPrivateNetworkWithTheLabAddressScheme() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker/compose.yaml").toFile());
        JsonNode net = compose.path("networks").path("farm");
        assertTrue(net.path("internal").asBoolean(), "the farm network has no way out");
        assertEquals("198.18.0.0/24", net.path("ipam").path("config").get(0).path("subnet").asText());
        String gateway = net.path("ipam").path("config").get(0).path("gateway").asText();

        List<Integer> deviceHosts = new ArrayList<>();
        JsonNode probe = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode svc = e.getValue();
            JsonNode farm = svc.path("networks").path("farm");
            String ip = farm.path("ipv4_address").asText();
            Matcher m = DEVICE_IP.matcher(ip);
            assertTrue(m.matches(), e.getKey() + " has a fixed address in 198.18.0.0/24: " + ip);
            int host = Integer.parseInt(m.group(1));
            assertEquals(String.format("02:00:c6:12:00:%02x", host), farm.path("mac_address").asText(), e.getKey() + " MAC as in netns-lab.sh");
            assertFalse(ip.equals(gateway), e.getKey() + " does not take the gateway address");
            if (e.getKey().equals("probe")) {
                probe = svc;
                continue;
            }
            assertTrue(BuiltInLab.names().contains(e.getKey()), "service " + e.getKey() + " is a built-in fixture");
            List<String> cmd = new ArrayList<>();
            svc.path("command").forEach(c -> cmd.add(c.asText()));
            assertEquals(List.of("--address", ip, e.getKey()), cmd, e.getKey() + " serves itself on its own address");
            assertEquals("docker/Dockerfile.fixtures", svc.path("build").path("dockerfile").asText());
            deviceHosts.add(host);
        }
        assertTrue(probe != null, "a probe service");
        assertTrue(deviceHosts.size() >= 3, "a farm: " + deviceHosts);

        List<String> caps = new ArrayList<>();
        probe.path("cap_add").forEach(c -> caps.add(c.asText()));
        assertTrue(caps.containsAll(List.of("NET_RAW", "NET_ADMIN")), "capture needs raw sockets: " + caps);
        assertEquals("docker/Dockerfile.probe", probe.path("build").path("dockerfile").asText());
        List<String> cmd = new ArrayList<>();
        probe.path("command").forEach(c -> cmd.add(c.asText()));
        assertEquals("scan", cmd.get(0));
        String[] cidr = cmd.get(1).split("/");
        Matcher m = DEVICE_IP.matcher(cidr[0]);
        assertTrue(m.matches(), "the probe scans inside the farm: " + cmd.get(1));
        int size = 1 << (32 - Integer.parseInt(cidr[1]));
        int first = Integer.parseInt(m.group(1));
        assertEquals(0, first % size, "aligned block " + cmd.get(1));
        for (int h : deviceHosts) assertTrue(h >= first && h < first + size, "device ." + h + " is in " + cmd.get(1));
        int gw = Integer.parseInt(gateway.substring(gateway.lastIndexOf('.') + 1));
        assertFalse(gw >= first && gw < first + size, "the host's gateway address is not scanned");
        assertTrue(cmd.contains("-o") && cmd.get(cmd.indexOf("-o") + 1).equals("/work/reports"), "report written to the volume: " + cmd);
        assertTrue(probe.path("volumes").toString().contains(":/work/reports"), "a volume for the report");
        for (int h : deviceHosts) {
            // every device is waited for before the scan
            String name = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().path("networks").path("farm").path("ipv4_address").asText().equals("198.18.0." + h)) name = e.getKey();
            }
            assertEquals("service_healthy", probe.path("depends_on").path(name).path("condition").asText(), name);
        }
    }

    @Test
    void fixtureDockerfileBuildsTheLauncherWithThePomProfileAndCopiesFilesThatExist() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile.fixtures"));
        Matcher profile = Pattern.compile("-P([a-z-]+) -pl lab-fixtures -am package").matcher(dockerfile);
        assertTrue(profile.find(), "multi-stage Maven build of lab-fixtures");
        String pom = Files.readString(ROOT.resolve("lab-fixtures/pom.xml"));
        assertTrue(pom.contains("<id>" + profile.group(1) + "</id>"), "profile " + profile.group(1) + " in lab-fixtures/pom.xml");
        assertTrue(pom.contains("<finalName>lab-fixtures</finalName>") && pom.contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>"));
        assertTrue(dockerfile.contains("/src/lab-fixtures/target/lab-fixtures.jar") && dockerfile.contains("/src/lab-fixtures/target/lib/"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            if (!copy.group(1).equals(".")) assertTrue(Files.exists(ROOT.resolve(copy.group(1))), copy.group(1));
            copies++;
        }
        assertTrue(copies >= 2);
        Path entrypoint = ROOT.resolve("docker/fixtures-entrypoint.sh");
        assertTrue(Files.isExecutable(entrypoint), "entrypoint is executable in git");
        String script = Files.readString(entrypoint);
        assertTrue(script.contains(dev.starprobe.lab.LabMain.class.getName()) && script.contains("exec java"), "LabMain becomes PID 1");
        assertTrue(dockerfile.contains("grep -qx ready /tmp/labmain.log") && script.contains("tee /tmp/labmain.log"),
                "the health check reads what the entrypoint writes");
    }
}
