package dev.starprobe.engine;

import dev.starprobe.model.ExecutionRecord;

import java.net.InetAddress;

/** Progress of a scan, for terminals, logs and embedding applications. */
public sealed interface ScanEvent {
    record ScanStarted(int devices, int portsPerDevice) implements ScanEvent {
    }

    record PortProbed(InetAddress device, int port) implements ScanEvent {
    }

    record StageStarted(InetAddress device, String stage) implements ScanEvent {
    }

    record DeviceDropped(InetAddress device, String reason) implements ScanEvent {
    }

    record CheckFinished(InetAddress device, ExecutionRecord record) implements ScanEvent {
    }

    record DeviceFinished(InetAddress device, int services, int findings) implements ScanEvent {
    }
}
