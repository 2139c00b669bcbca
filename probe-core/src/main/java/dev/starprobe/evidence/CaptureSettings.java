package dev.starprobe.evidence;

import java.time.Duration;

/**
 * Limits of packet capture per device.
 *
 * @param maxBytesPerDevice the capture file stops growing at this size; later packets are counted, not kept
 * @param snaplen           bytes kept per packet (loopback frames reach 64 KiB, so the default keeps whole frames)
 * @param bufferBytes       kernel ring buffer per device handle: bounds kernel memory when many devices run at once
 * @param poll              how long the capture sleeps when no packet is waiting (the kernel buffers meanwhile)
 * @param grace             how long after a device's last check the capture keeps running, for the closing
 *                          packets; longer than the kernel's block timeout, so the last block is handed over
 */
public record CaptureSettings(long maxBytesPerDevice, int snaplen, int bufferBytes, Duration poll, Duration grace) {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    public CaptureSettings {
        if (maxBytesPerDevice < 1024) throw new IllegalArgumentException("capture cap must be at least 1 KiB");
        if (snaplen < 64) throw new IllegalArgumentException("snaplen must be at least 64");
    }

    public static CaptureSettings defaults() {
        return new CaptureSettings(DEFAULT_MAX_BYTES, 262_144, 2 * 1024 * 1024, Duration.ofMillis(5), Duration.ofMillis(150));
    }

    public CaptureSettings withMaxBytes(long max) {
        return new CaptureSettings(max, snaplen, bufferBytes, poll, grace);
    }
}
