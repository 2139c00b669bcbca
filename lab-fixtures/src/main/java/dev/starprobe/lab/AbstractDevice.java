package dev.starprobe.lab;

import dev.starprobe.lab.net.DeviceRuntime;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;

/**
 * Base of the built-in devices: one {@link DeviceRuntime} per start, a traffic log, and the ground truth
 * declared by the subclass in one place. A device can be started once; {@link #close()} is idempotent.
 */
public abstract class AbstractDevice implements RecordingDevice {
    private final String name;
    private final TrafficLog traffic = new TrafficLog();
    private volatile DeviceRuntime runtime;
    private volatile boolean used;
    private final Object lifecycle = new Object();

    protected AbstractDevice(String name) {
        this.name = Objects.requireNonNull(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final TrafficLog traffic() {
        return traffic;
    }

    @Override
    public final void start(InetAddress address) throws Exception {
        synchronized (lifecycle) {
            if (used) throw new IllegalStateException(name + " was already started; make a new instance");
            used = true;
            DeviceRuntime rt = new DeviceRuntime(name, address, traffic);
            runtime = rt;
            try {
                startServices(rt);
            } catch (Exception | Error e) {
                rt.close();
                throw e;
            }
        }
    }

    /** Binds every service of the device on {@code rt.address()}. */
    protected abstract void startServices(DeviceRuntime rt) throws Exception;

    /** The address the device runs on, or null before start. */
    public final InetAddress address() {
        DeviceRuntime rt = runtime;
        return rt == null ? null : rt.address();
    }

    /** The (transport, port) pairs the device holds now: equal to its ground-truth services while running. */
    public final Set<DeviceRuntime.Bound> boundPorts() {
        DeviceRuntime rt = runtime;
        return rt == null ? Set.of() : rt.bound();
    }

    protected final DeviceRuntime runtime() {
        return runtime;
    }

    @Override
    public final void close() {
        synchronized (lifecycle) {
            DeviceRuntime rt = runtime;
            if (rt != null) {
                beforeClose();
                rt.close();
            }
        }
    }

    /** Hook for subclasses that hold state outside the runtime. */
    protected void beforeClose() {}

    @Override
    public String toString() {
        return name + (address() == null ? "" : "@" + address().getHostAddress());
    }
}
