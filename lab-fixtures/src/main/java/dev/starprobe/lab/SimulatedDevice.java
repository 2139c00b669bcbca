package dev.starprobe.lab;

import java.net.InetAddress;

/**
 * One simulated device: real protocol servers bound on one address at their well-known ports, and the
 * ground truth a probe should find on them.
 */
public interface SimulatedDevice extends AutoCloseable {
    /** Stable name, e.g. {@code camera-weak}. */
    String name();

    GroundTruth truth();

    /** Binds every service of the device on {@code address}, at the real well-known ports. */
    void start(InetAddress address) throws Exception;

    /** Stops everything: no port left bound, no thread left running. Idempotent. */
    @Override
    void close();
}
