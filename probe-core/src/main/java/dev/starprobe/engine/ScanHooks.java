package dev.starprobe.engine;

import dev.starprobe.evidence.EvidenceCapture;

/**
 * What an application adds around each device's pipeline without the engine knowing about inventories
 * or packet capture.
 *
 * @param setup   per-device identity, options and declarations
 * @param capture packet capture started before a device's first packet and finished after its last
 */
public record ScanHooks(DeviceSetup setup, EvidenceCapture capture) {
    public static final ScanHooks NONE = new ScanHooks(DeviceSetup.NONE,
            EvidenceCapture.off("packet capture was not configured"));

    public ScanHooks {
        setup = setup == null ? DeviceSetup.NONE : setup;
        capture = capture == null ? NONE.capture() : capture;
    }
}
