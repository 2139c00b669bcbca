package dev.starprobe.lab;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running set of simulated devices, each on its own loopback address 127.77.X.Y inside a block reserved
 * for this Lab alone (different per Lab instance and per process, see {@link #scopeCidr()}). Devices start
 * concurrently; if one fails, the others are stopped and the failure is thrown.
 */
public final class Lab implements AutoCloseable {
    private static final AtomicInteger STARTERS = new AtomicInteger();

    private final LabAddressBlock block;
    private final List<SimulatedDevice> devices;
    private final Map<String, InetAddress> addresses;
    private volatile boolean closed;

    private Lab(LabAddressBlock block, List<SimulatedDevice> devices, Map<String, InetAddress> addresses) {
        this.block = block;
        this.devices = devices;
        this.addresses = addresses;
    }

    public static Lab start(List<? extends SimulatedDevice> devices) throws Exception {
        Map<String, InetAddress> addresses = new LinkedHashMap<>();
        LabAddressBlock block = LabAddressBlock.reserve(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            String name = devices.get(i).name();
            if (addresses.put(name, block.host(i)) != null) {
                block.close();
                throw new IllegalArgumentException("two devices named " + name);
            }
        }
        List<SimulatedDevice> list = List.copyOf(devices);
        Lab lab = new Lab(block, list, addresses);
        int threads = Math.max(1, Math.min(list.size(), 8));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lab-starter-" + STARTERS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> started = new ArrayList<>();
            for (SimulatedDevice d : list) {
                InetAddress a = addresses.get(d.name());
                started.add(pool.submit(() -> {
                    d.start(a);
                    return null;
                }));
            }
            Exception failure = null;
            for (int i = 0; i < started.size(); i++) {
                try {
                    started.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
                    String hint = String.valueOf(cause.getMessage()).contains("Permission denied")
                            ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
                    Exception wrapped = new IllegalStateException("device " + list.get(i).name() + " failed to start on "
                            + addresses.get(list.get(i).name()).getHostAddress() + ": " + cause + hint, cause);
                    if (failure == null) failure = wrapped; else failure.addSuppressed(wrapped);
                }
            }
            if (failure != null) {
                lab.close();
                throw failure;
            }
            return lab;
        } catch (InterruptedException e) {
            lab.close();
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    public InetAddress address(String deviceName) {
        InetAddress a = addresses.get(deviceName);
        if (a == null) throw new NoSuchElementException("no device " + deviceName + " in this lab");
        return a;
    }

    /** Host addresses, in device order. */
    public List<String> targets() {
        return devices.stream().map(d -> addresses.get(d.name()).getHostAddress()).toList();
    }

    public List<SimulatedDevice> devices() {
        return devices;
    }

    public SimulatedDevice device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no device " + name + " in this lab"));
    }

    /** The traffic log of a built-in (recording) device. */
    public TrafficLog traffic(String deviceName) {
        if (device(deviceName) instanceof RecordingDevice r) return r.traffic();
        throw new IllegalArgumentException(deviceName + " does not record traffic");
    }

    /**
     * The CIDR of the block reserved for this lab: it holds every device address and no address of any other
     * lab (unused addresses in it have no listener). E.g. 127.77.40.32/27.
     */
    public String scopeCidr() {
        return block.cidr();
    }

    public Map<String, InetAddress> addresses() {
        return Collections.unmodifiableMap(addresses);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Thread> closers = new ArrayList<>();
        for (SimulatedDevice d : devices) {
            Thread t = new Thread(() -> {
                try {
                    d.close();
                } catch (RuntimeException ignored) {
                    // close the others regardless
                }
            }, "lab-closer-" + d.name());
            t.setDaemon(true);
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        block.close();
    }
}
