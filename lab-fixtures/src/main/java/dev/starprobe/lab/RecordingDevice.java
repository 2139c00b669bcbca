package dev.starprobe.lab;

/** A device that records what it received; every built-in device is one. */
public interface RecordingDevice extends SimulatedDevice {
    TrafficLog traffic();
}
