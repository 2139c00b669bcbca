package dev.starprobe.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Network.Ipam;
import dev.starprobe.cli.Main;
import dev.starprobe.report.ReportSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixture image (docker/Dockerfile.fixtures, built here from the working tree) runs the weak camera
 * in a container; the CLI scans it through the published ports and must find the Telnet FAIL.
 *
 * <p>Skipped (not failed) where no Docker engine answers, e.g. on the CI machine: the same scenario is
 * covered in-process and in the namespace LAN ({@code dev.starprobe.cli.netns.FixtureFarmNetnsTest}).
 * With an engine, run with TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_CHECKS_DISABLE=true and,
 * inside a container, TESTCONTAINERS_HOST_OVERRIDE=localhost (probe-cli's surefire sets them): nothing
 * is pulled except the two base images named in the Dockerfile, which must be present locally or
 * reachable through the engine's own registry configuration.
 */
@Testcontainers(disabledWithoutDocker = true)
class FixtureContainerScanTest {
    /** Never Docker's default 172.17.0.0/16: a private network in the benchmarking range. */
    private static final String SUBNET = "198.18.251.0/24";

    static final Network FARM = Network.builder()
            .createNetworkCmdModifier(cmd -> cmd.withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(SUBNET))))
            .build();

    static final GenericContainer<?> CAMERA = new GenericContainer<>(fixturesImage())
            .withNetwork(FARM)
            .withCommand("camera-weak")
            .withExposedPorts(23, 80)
            .waitingFor(Wait.forLogMessage("ready\\s*", 1).withStartupTimeout(Duration.ofMinutes(15)));

    @BeforeAll
    static void start() {
        CAMERA.start();
    }

    /** Container first, then its network: nothing is left behind even without Ryuk. */
    @AfterAll
    static void stop() {
        try {
            CAMERA.stop();
        } finally {
            FARM.close();
        }
    }

    /** The image built from the repository, with a context that leaves out build output and .git. */
    static ImageFromDockerfile fixturesImage() {
        Path root = repositoryRoot();
        ImageFromDockerfile image = new ImageFromDockerfile("starprobe-fixtures-test", true)
                .withDockerfilePath("docker/Dockerfile.fixtures"); // inside the context built below
        Set<String> skip = Set.of("target", ".git", ".idea"); // as docker/Dockerfile.fixtures.dockerignore
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith("docker/reports"))
                    .filter(p -> { for (Path part : root.relativize(p)) if (skip.contains(part.toString())) return false; return true; })
                    .forEach(p -> image.withFileFromPath(root.relativize(p).toString(), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return image;
    }

    static Path repositoryRoot() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docker/Dockerfile.fixtures"))) return d;
        }
        throw new IllegalStateException("docker/Dockerfile.fixtures not found above " + Paths.get("").toAbsolutePath());
    }

    @Test
    void scanOfTheWeakCameraContainerFindsCleartextTelnet(@TempDir Path out) throws Exception {
        String logs = CAMERA.getLogs();
        assertTrue(logs.matches("(?s).*camera-weak 198\\.18\\.251\\.\\d+\n.*"), "device bound to its container address: " + logs);

        String host = InetAddress.getByName(CAMERA.getHost()).getHostAddress();
        int telnet = CAMERA.getMappedPort(23);
        int http = CAMERA.getMappedPort(80);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), "scan", host, "-p", telnet + "," + http,
                "-o", out.toString(), "--no-progress", "--no-capture");

        assertEquals(Main.FAILED, exit, e + "\n" + o);
        String json = Files.readString(out.resolve("report.json"));
        assertEquals(List.of(), ReportSchema.violations(json));
        JsonNode device = new ObjectMapper().readTree(json).path("devices").get(0);
        assertEquals(List.of("http", "telnet"), device.path("services").findValuesAsText("protocol").stream().sorted().toList());
        boolean telnetFail = false;
        for (JsonNode f : device.path("findings")) {
            telnetFail |= "cleartext.telnet".equals(f.path("checkId").asText()) && "FAIL".equals(f.path("verdict").asText())
                    && f.toString().contains("\"port\":" + telnet);
        }
        assertTrue(telnetFail, "cleartext.telnet FAIL on the published Telnet port " + telnet + ": " + device.path("findings"));
    }
}
