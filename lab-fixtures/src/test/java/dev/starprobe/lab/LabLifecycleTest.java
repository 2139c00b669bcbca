package dev.starprobe.lab;

import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.model.Transport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every built-in device starts with exactly its declared ports and leaves neither port nor thread behind. */
class LabLifecycleTest {

    @Test
    @Timeout(60)
    void everyDeviceBindsItsDeclaredPortsAndCloseFreesPortsAndThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<String> providers = java.util.Arrays.stream(java.security.Security.getProviders()).map(java.security.Provider::getName).toList();
        String disabled = java.security.Security.getProperty("jdk.tls.disabledAlgorithms");
        List<SimulatedDevice> devices = BuiltInLab.all();
        long t0 = System.nanoTime();
        Lab lab = Lab.start(devices);
        long startMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("Lab.start(" + devices.size() + " devices) took " + startMs + " ms (in a test JVM)");
        Map<String, InetAddress> addresses = lab.addresses();
        try {
            for (SimulatedDevice d : devices) {
                Set<DeviceRuntime.Bound> declared = d.truth().services().stream()
                        .map(s -> new DeviceRuntime.Bound(s.transport(), s.port())).collect(Collectors.toSet());
                assertEquals(declared, ((AbstractDevice) d).boundPorts(), d.name() + ": bound ports = ground truth services");
                for (ServiceTruth s : d.truth().services()) {
                    if (s.transport() == Transport.TCP) {
                        try (Socket sock = new Socket()) {
                            sock.connect(new InetSocketAddress(addresses.get(d.name()), s.port()), 2000);
                        } catch (java.net.SocketException e) {
                            // reset-on-connect may reset before connect() returns; refused would be a ConnectException
                            assertFalse(e instanceof java.net.ConnectException, d.name() + ":" + s.port() + " " + e);
                            assertEquals("reset-on-connect", d.name(), d.name() + ":" + s.port() + " " + e);
                        }
                    }
                }
            }
            assertEquals(providers, java.util.Arrays.stream(java.security.Security.getProviders()).map(java.security.Provider::getName).toList(),
                    "no JCA provider added or removed");
            assertEquals(disabled, java.security.Security.getProperty("jdk.tls.disabledAlgorithms"), "JVM-wide TLS settings untouched");
        } finally {
            lab.close();
        }
        for (SimulatedDevice d : devices) {
            InetAddress a = addresses.get(d.name());
            for (ServiceTruth s : d.truth().services()) {
                if (s.transport() == Transport.TCP) {
                    try (ServerSocket ss = new ServerSocket()) {
                        ss.setReuseAddress(true);
                        ss.bind(new InetSocketAddress(a, s.port()));
                    } catch (java.net.BindException e) {
                        fail(d.name() + " still holds tcp " + a.getHostAddress() + ":" + s.port());
                    }
                } else {
                    try (DatagramSocket ds = new DatagramSocket(new InetSocketAddress(a, s.port()))) {
                        assertTrue(ds.isBound());
                    } catch (java.net.BindException e) {
                        fail(d.name() + " still holds udp " + a.getHostAddress() + ":" + s.port());
                    }
                }
            }
        }
        Set<Thread> leftover = waitForThreadsToEnd(before, 10_000);
        assertTrue(leftover.stream().noneMatch(t -> t.getName().startsWith("lab-")), "fixture threads left: " + leftover);
        assertTrue(leftover.stream().noneMatch(t -> !t.isDaemon()), "non-daemon threads left: " + leftover);
    }

    /** Threads that appeared since {@code before} and are still alive after waiting up to {@code ms}. */
    static Set<Thread> waitForThreadsToEnd(Set<Thread> before, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        Set<Thread> left;
        do {
            left = new HashSet<>(Thread.getAllStackTraces().keySet());
            left.removeAll(before);
            left.removeIf(t -> !t.isAlive() || jvmWide(t));
            if (left.isEmpty()) return left;
            Thread.sleep(100);
        } while (System.currentTimeMillis() < end);
        return left;
    }

    /** Daemon threads libraries keep once per JVM (not per device). */
    private static boolean jvmWide(Thread t) {
        String n = t.getName();
        return t.isDaemon() && (n.startsWith("ObjectCleanerThread") || n.equals("process reaper")
                || n.startsWith("Common-Cleaner") || n.startsWith("globalEventExecutor") || n.startsWith("Attach Listener"));
    }

    @Test
    @Timeout(20)
    void labsGetDisjointAddressBlocksAndScopeCoversTheirDevices() throws Exception {
        try (Lab a = Lab.start(BuiltInLab.byName(List.of("unknown-device", "accept-then-close")));
             Lab b = Lab.start(BuiltInLab.byName(List.of("unknown-device")))) {
            dev.starprobe.net.Cidr ca = dev.starprobe.net.Cidr.parse(a.scopeCidr());
            dev.starprobe.net.Cidr cb = dev.starprobe.net.Cidr.parse(b.scopeCidr());
            assertNotEquals(ca, cb);
            for (String t : a.targets()) {
                InetAddress x = InetAddress.getByName(t);
                assertTrue(ca.contains(x));
                assertFalse(cb.contains(x));
                assertTrue(t.startsWith("127.77."));
            }
            assertTrue(cb.contains(InetAddress.getByName(b.targets().get(0))));
            assertEquals(2, a.targets().size());
            assertNotEquals(a.targets().get(0), a.targets().get(1));
            assertTrue(ca.hosts(256).containsAll(a.targets().stream().map(LabLifecycleTest::ip).toList()));
        }
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Lab.start(BuiltInLab.byName(List.of("unknown-device", "unknown-device"))).close());
    }

    @Test
    @Timeout(20)
    void aFailingDeviceStopsTheOthers() throws Exception {
        SimulatedDevice broken = new AbstractDevice("broken") {
            @Override
            public GroundTruth truth() {
                return new GroundTruth(dev.starprobe.model.Category.UNKNOWN, dev.starprobe.model.StarLevel.NONE, List.of(), List.of(), "");
            }

            @Override
            protected void startServices(DeviceRuntime rt) {
                throw new IllegalStateException("boom");
            }
        };
        SimulatedDevice ok = BuiltInLab.create("unknown-device");
        Exception e = assertThrows(Exception.class, () -> Lab.start(List.of(ok, broken)));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        assertTrue(((AbstractDevice) ok).boundPorts().isEmpty(), "the healthy device was stopped");
    }

    @Test
    void startingTwiceIsRefused() throws Exception {
        SimulatedDevice d = BuiltInLab.create("unknown-device");
        try (Lab lab = Lab.start(List.of(d))) {
            assertThrows(IllegalStateException.class, () -> d.start(lab.address("unknown-device")));
        }
    }

    @Test
    void everyExpectationUsesAKnownCheckIdAndADeclaredPort() {
        for (SimulatedDevice d : BuiltInLab.all()) {
            Set<Integer> ports = d.truth().services().stream().map(ServiceTruth::port).collect(Collectors.toSet());
            for (ExpectedVerdict e : d.truth().expectations()) {
                assertTrue(CheckIds.ALL.contains(e.checkId()), d.name() + ": unknown check id " + e.checkId());
                assertTrue(e.port() == null || ports.contains(e.port()), d.name() + ": " + e.checkId() + " on undeclared port " + e.port());
            }
        }
        assertEquals(BuiltInLab.names().size(), new HashSet<>(BuiltInLab.names()).size(), "names are unique");
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
