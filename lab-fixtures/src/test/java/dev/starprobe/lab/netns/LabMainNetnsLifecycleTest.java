package dev.starprobe.lab.netns;

import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.LabMain;
import dev.starprobe.lab.ServiceTruth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Namespace mode of every built-in device: one LabMain process holds all of them inside one device
 * namespace, each on its own 198.18.63.x address there. Each device listens on exactly its declared
 * services and only on its own address; SIGTERM stops the launcher (its shutdown hook closes every
 * device: a device that does not close keeps the JVM alive and fails the test), and {@code down}
 * leaves no namespace and no launcher. Skipped with the reason where namespaces cannot be created.
 */
class LabMainNetnsLifecycleTest {
    private static final String NET = "198.18.63";
    private static final Pattern STARTED = Pattern.compile("(?m)^([a-z0-9-]+) (" + Pattern.quote(NET) + "\\.\\d+)$");

    private NetnsLab lab;

    @AfterEach
    void down() {
        if (lab != null) lab.close();
    }

    @Test
    void everyDeviceServesItsDeclaredPortsOnItsOwnAddressAndStopsOnSigterm() throws Exception {
        List<String> names = BuiltInLab.names();
        int first = 11;
        int last = first + names.size() - 1;
        // the launcher's namespace gets one address per device before the launcher starts
        String addAddresses = "for i in $(seq " + (first + 1) + " " + last + "); do ip addr add " + NET + ".$i/24 dev eth0 || exit 1; done; ";
        List<String> java = new ArrayList<>(NetnsLab.java(LabMain.class.getName(), "--address", NET + "." + first));
        java.addAll(names);
        lab = NetnsLab.devices(1, NET)
                .command(1, List.of("bash", "-c", addAddresses + NetnsLab.shellJoin(java)))
                .readyWhenLogged("ready", Duration.ofSeconds(120));
        long t0 = System.nanoTime();
        lab.start();
        System.out.printf("%d devices up in one namespace in %d ms%n", names.size(), (System.nanoTime() - t0) / 1_000_000);

        Map<String, String> addressOf = new LinkedHashMap<>();
        Matcher m = STARTED.matcher(lab.logs());
        while (m.find()) addressOf.put(m.group(1), m.group(2));
        assertEquals(names, List.copyOf(addressOf.keySet()), "every device started, in order: " + lab.logs());
        assertEquals(names.size(), Set.copyOf(addressOf.values()).size(), "one address per device");

        NetnsLab.Exec ss = lab.exec(lab.deviceNamespace(1), List.of("ss", "-Htlnu"), Duration.ofSeconds(10));
        assertEquals(0, ss.exit(), ss.stderr());
        Set<String> listening = new TreeSet<>();
        for (String line : ss.stdout().split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            listening.add(f[0].toUpperCase() + " " + f[4]);
        }
        Set<String> declared = new TreeSet<>();
        for (String name : names) {
            for (ServiceTruth s : BuiltInLab.create(name).truth().services()) {
                declared.add(s.transport() + " " + addressOf.get(name) + ":" + s.port());
            }
        }
        assertEquals(declared, listening, "sockets in the namespace = declared services, each on its device's address");

        List<ProcessHandle> launchers = launchersIn(lab.deviceNamespace(1));
        assertEquals(1, launchers.size(), "one launcher");
        ProcessHandle launcher = launchers.get(0);
        assertTrue(launcher.destroy(), "SIGTERM delivered");
        long t1 = System.nanoTime();
        launcher.onExit().get(30, TimeUnit.SECONDS);
        System.out.printf("launcher stopped %d devices in %d ms after SIGTERM%n", names.size(), (System.nanoTime() - t1) / 1_000_000);

        String prefix = lab.prefix();
        lab.close();
        lab = null;
        String namespaces = run("ip", "netns", "list");
        assertFalse(namespaces.contains(prefix + "-"), "namespaces left: " + namespaces);
        List<Long> left = ProcessHandle.allProcesses()
                .filter(h -> cmdline(h).contains(" " + LabMain.class.getName() + " --address " + NET + "."))
                .map(ProcessHandle::pid).toList();
        assertEquals(List.of(), left, "LabMain processes left behind");
    }

    private static List<ProcessHandle> launchersIn(String ns) throws Exception {
        return run("ip", "netns", "pids", ns).lines().map(String::trim).filter(s -> !s.isEmpty())
                .map(Long::parseLong).map(ProcessHandle::of).flatMap(Optional::stream)
                .filter(h -> cmdline(h).contains(" " + LabMain.class.getName() + " ")).toList();
    }

    /** Read from /proc: works for processes that are not this JVM's children. */
    private static String cmdline(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(h.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static String run(String... cmd) throws Exception {
        NetnsLab.Exec e = NetnsLab.run(List.of(cmd), Duration.ofSeconds(10));
        assertEquals(0, e.exit(), String.join(" ", cmd) + ": " + e.stderr());
        return e.stdout();
    }
}
