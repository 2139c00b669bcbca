package dev.starprobe.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LabMain in a second JVM: prints "name address", serves, stops on SIGTERM; its block differs from this JVM's labs. */
class LabMainTest {

    @Test
    @Timeout(30)
    void labMainInAnotherProcessServesOnItsOwnBlockAndStopsOnTerm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LabMain.class.getName(), "unknown-device")
                .redirectErrorStream(true).start();
        try (Lab mine = Lab.start(BuiltInLab.byName(List.of("unknown-device")))) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) lines.add(line);
            assertEquals("ready", line, "output: " + lines);
            String[] first = lines.get(0).split(" ");
            assertEquals("unknown-device", first[0]);
            InetAddress theirs = InetAddress.getByName(first[1]);
            assertTrue(first[1].startsWith("127.77."));
            assertFalse(dev.starprobe.net.Cidr.parse(mine.scopeCidr()).contains(theirs), "blocks differ across processes");
            try (Socket s = TestClients.connect(theirs, 4000)) {
                assertEquals(16, s.getInputStream().readNBytes(16).length);
            }
            p.destroy(); // SIGTERM: the shutdown hook closes the devices
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            try (ServerSocket ss = new ServerSocket()) {
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(theirs, 4000));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    @Timeout(30)
    void explicitAddressPutsTheDeviceThere() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String addr = "127.77.255." + (200 + (int) (ProcessHandle.current().pid() % 50));
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LabMain.class.getName(),
                "--address", addr, "unknown-device").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("unknown-device " + addr, out.readLine());
            assertEquals("ready", out.readLine());
            try (Socket s = TestClients.connect(InetAddress.getByName(addr), 4000)) {
                assertEquals(16, s.getInputStream().readNBytes(16).length);
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
