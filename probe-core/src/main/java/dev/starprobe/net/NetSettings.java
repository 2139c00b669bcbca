package dev.starprobe.net;

import java.time.Duration;

/**
 * Timeouts and politeness. Defaults suit embedded devices: sslyze uses 5 connections per server,
 * embedded stacks cope with 2-4, masscan-style rates crash home routers.
 *
 * @param maxInFlightPerDevice connections open at once towards one device
 * @param perSecondPerDevice   new connections per second towards one device (0: unlimited)
 * @param minGapNanos          minimum delay between two connection starts to one device
 * @param globalMaxInFlight    connections open at once across the scan
 * @param globalPerSecond      new connections per second across the scan (0: unlimited)
 * @param connectTimeout       TCP connect timeout
 * @param ioTimeout            default read timeout
 * @param readBufferCap        bytes buffered per session before reading pauses (backpressure)
 * @param transcriptCap        bytes of payload kept per session transcript
 * @param blockingThreads      most threads running blocking checks and probes at once (made on demand)
 */
public record NetSettings(int maxInFlightPerDevice, double perSecondPerDevice, long minGapNanos,
                          int globalMaxInFlight, double globalPerSecond, Duration connectTimeout,
                          Duration ioTimeout, int readBufferCap, int transcriptCap, int eventLoopThreads,
                          int blockingThreads, boolean preferEpoll) {

    public static NetSettings defaults() {
        return new NetSettings(4, 50, 0, 256, 0, Duration.ofSeconds(3), Duration.ofSeconds(5),
                1 << 20, 256 << 10, 0, 256, true);
    }

    public NetSettings withPerDevice(int maxInFlight, double perSecond) {
        return new NetSettings(maxInFlight, perSecond, minGapNanos, globalMaxInFlight, globalPerSecond,
                connectTimeout, ioTimeout, readBufferCap, transcriptCap, eventLoopThreads, blockingThreads, preferEpoll);
    }

    public NetSettings withGlobal(int maxInFlight, double perSecond) {
        return new NetSettings(maxInFlightPerDevice, perSecondPerDevice, minGapNanos, maxInFlight, perSecond,
                connectTimeout, ioTimeout, readBufferCap, transcriptCap, eventLoopThreads, blockingThreads, preferEpoll);
    }

    public NetSettings withTimeouts(Duration connect, Duration io) {
        return new NetSettings(maxInFlightPerDevice, perSecondPerDevice, minGapNanos, globalMaxInFlight,
                globalPerSecond, connect, io, readBufferCap, transcriptCap, eventLoopThreads, blockingThreads, preferEpoll);
    }

    public NetSettings withMinGap(Duration gap) {
        return new NetSettings(maxInFlightPerDevice, perSecondPerDevice, gap.toNanos(), globalMaxInFlight,
                globalPerSecond, connectTimeout, ioTimeout, readBufferCap, transcriptCap, eventLoopThreads,
                blockingThreads, preferEpoll);
    }

    public NetSettings withReadBufferCap(int cap) {
        return new NetSettings(maxInFlightPerDevice, perSecondPerDevice, minGapNanos, globalMaxInFlight,
                globalPerSecond, connectTimeout, ioTimeout, cap, transcriptCap, eventLoopThreads, blockingThreads,
                preferEpoll);
    }

    public NetSettings withEpoll(boolean prefer) {
        return new NetSettings(maxInFlightPerDevice, perSecondPerDevice, minGapNanos, globalMaxInFlight,
                globalPerSecond, connectTimeout, ioTimeout, readBufferCap, transcriptCap, eventLoopThreads, blockingThreads,
                prefer);
    }
}
