package dev.starprobe.lab;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts simulated devices and keeps them running until the process is killed (SIGTERM/SIGINT stop them
 * cleanly). Prints one "name address" line per device, then "ready".
 *
 * <pre>
 * LabMain                              all devices, each on its own 127.77.X.Y (a Lab)
 * LabMain camera-weak router-weak      those devices, in a Lab
 * LabMain --address 198.18.0.11 camera-weak
 *                                      one device on that address (e.g. inside a network namespace);
 *                                      several devices get consecutive addresses from it
 * LabMain --list                       the device names
 * LabMain --catalog                    the ground truth of every device, as Markdown
 * </pre>
 */
public final class LabMain {
    private LabMain() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/starprobe/lab/labmain-logback.xml");
        }
        InetAddress base = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--address" -> {
                    if (i + 1 >= args.length) usage("--address needs a value");
                    base = literal(args[++i]);
                }
                case "--catalog" -> {
                    System.out.print(LabCatalog.markdown(BuiltInLab.all()));
                    return;
                }
                case "--list" -> {
                    BuiltInLab.names().forEach(System.out::println);
                    return;
                }
                case "-h", "--help" -> {
                    usage(null);
                    return;
                }
                default -> names.add(args[i]);
            }
        }
        List<SimulatedDevice> devices = names.isEmpty() ? BuiltInLab.all() : BuiltInLab.byName(names);
        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable running = base == null ? startLab(devices, System.out) : startAt(base, devices, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }, "lab-main-shutdown"));
        System.out.println("ready");
        System.out.flush();
        stopped.await();
    }

    private static AutoCloseable startLab(List<SimulatedDevice> devices, PrintStream out) throws Exception {
        Lab lab = Lab.start(devices);
        for (SimulatedDevice d : lab.devices()) out.println(d.name() + " " + lab.address(d.name()).getHostAddress());
        out.println("# scope " + lab.scopeCidr());
        return lab;
    }

    private static AutoCloseable startAt(InetAddress base, List<SimulatedDevice> devices, PrintStream out) throws Exception {
        List<SimulatedDevice> started = new ArrayList<>();
        AutoCloseable closer = () -> {
            for (SimulatedDevice d : started) d.close();
        };
        byte[] a = base.getAddress();
        try {
            for (SimulatedDevice d : devices) {
                InetAddress addr = InetAddress.getByAddress(a.clone());
                d.start(addr);
                started.add(d);
                out.println(d.name() + " " + addr.getHostAddress());
                increment(a);
            }
        } catch (Exception e) {
            closer.close();
            throw e;
        }
        return closer;
    }

    private static void increment(byte[] a) {
        for (int i = a.length - 1; i >= 0; i--) {
            if (++a[i] != 0) return;
        }
    }

    private static InetAddress literal(String s) throws Exception {
        if (!s.matches("[0-9.]+|[0-9a-fA-F:]+")) usage("not an IP address literal: " + s);
        return InetAddress.getByName(s);
    }

    private static void usage(String error) {
        PrintStream p = error == null ? System.out : System.err;
        if (error != null) p.println(error);
        p.println("usage: LabMain [--address IP] [device ...] | --list | --catalog");
        p.println("devices: " + String.join(" ", BuiltInLab.names()));
        if (error != null) System.exit(2);
    }
}
