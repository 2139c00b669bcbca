package dev.starprobe.cli;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.net.NetSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding nmap, its command lines, and running it (a stand-in script plays nmap: no nmap needed, nothing sent). */
class NmapTest {
    @TempDir
    Path dir;

    /** An executable shell script named nmap in its own folder. */
    static Path fakeNmap(Path folder, String body) throws IOException {
        Files.createDirectories(folder);
        Path p = folder.resolve("nmap");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void theFirstExecutableNmapOnThePathIsUsed() throws Exception {
        Path notExecutable = dir.resolve("a/nmap");
        Files.createDirectories(notExecutable.getParent());
        Files.writeString(notExecutable, "not a program");
        Path real = fakeNmap(dir.resolve("b"), "exit 0");
        fakeNmap(dir.resolve("c"), "exit 0");
        String path = String.join(File.pathSeparator, dir.resolve("none").toString(), "", notExecutable.getParent().toString(),
                real.getParent().toString(), dir.resolve("c").toString());

        assertEquals(real, Nmap.locate(path).orElseThrow().executable());
        assertTrue(Nmap.locate(dir.resolve("none").toString()).isEmpty());
        assertTrue(Nmap.locate(null).isEmpty());
    }

    @Test
    void bothVariantsAreConnectScansOfExactlyOurPortsWithoutDnsOrHostDiscovery() throws Exception {
        Nmap n = new Nmap(Path.of("/usr/bin/nmap"));
        InetAddress t = InetAddress.getByName("198.18.5.20");

        List<String> all = n.command(Nmap.Variant.defaults(), PortSpec.parse("all"), t);
        assertEquals(List.of("/usr/bin/nmap", "-sT", "-p-", "-n", "-Pn", "-T3", "-oX", "-", "198.18.5.20"), all);

        NetSettings polite = NetSettings.defaults().withPerDevice(4, 0);
        assertEquals(List.of("/usr/bin/nmap", "-sT", "-p22,80-90", "-n", "-Pn", "-T4", "--max-parallelism", "4", "-oX", "-", "198.18.5.20"),
                n.command(Nmap.Variant.sameLimits(polite), PortSpec.parse("80-90,22"), t));
    }

    @Test
    void theMatchedVariantCarriesOurRateAndGapWhenSet() {
        NetSettings s = NetSettings.defaults().withPerDevice(2, 50).withMinGap(Duration.ofMillis(10));
        assertEquals(List.of("-T4", "--max-parallelism", "2", "--max-rate", "50", "--scan-delay", "10ms"),
                Nmap.Variant.sameLimits(s).options());
        assertEquals(List.of("-T4", "--max-parallelism", "2", "--max-rate", "2.5"),
                Nmap.Variant.sameLimits(NetSettings.defaults().withPerDevice(2, 2.5)).options());
    }

    @Test
    void aRunReadsTheXmlNmapWroteAndItsWallTime() throws Exception {
        Path sample = dir.resolve("sample.xml");
        Files.write(sample, NmapXmlTest.sample());
        Nmap n = new Nmap(fakeNmap(dir.resolve("bin"), "echo 'Warning: stderr noise' >&2; cat '" + sample + "'"));

        Nmap.Run r = n.run(List.of(n.executable().toString(), "-sT"), Duration.ofSeconds(20));

        assertEquals(List.of(22, 80, 1883), r.report().open());
        assertEquals(3.27, r.report().elapsed(), 1e-9);
        assertTrue(r.wallSeconds() > 0 && r.wallSeconds() < 20, "wall " + r.wallSeconds());
    }

    @Test
    void failuresOfNmapAreOneLineReasonsInBoundedTime() throws Exception {
        Nmap exits = new Nmap(fakeNmap(dir.resolve("exits"), "echo 'Failed to open device eth9' >&2; exit 1"));
        Nmap.RunException e1 = assertThrows(Nmap.RunException.class,
                () -> exits.run(List.of(exits.executable().toString()), Duration.ofSeconds(20)));
        assertEquals("nmap exited with 1: Failed to open device eth9", e1.getMessage());

        Nmap garbage = new Nmap(fakeNmap(dir.resolve("garbage"), "echo 'Starting Nmap 7.93'"));
        Nmap.RunException e2 = assertThrows(Nmap.RunException.class,
                () -> garbage.run(List.of(garbage.executable().toString()), Duration.ofSeconds(20)));
        assertTrue(e2.getMessage().startsWith("malformed nmap XML"), e2.getMessage());

        Nmap hangs = new Nmap(fakeNmap(dir.resolve("hangs"), "exec sleep 60"));
        long t0 = System.nanoTime();
        Nmap.RunException e3 = assertThrows(Nmap.RunException.class,
                () -> hangs.run(List.of(hangs.executable().toString()), Duration.ofMillis(500)));
        assertEquals("nmap did not finish within 0.5 s", e3.getMessage());
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "the hung nmap was killed");
    }
}
