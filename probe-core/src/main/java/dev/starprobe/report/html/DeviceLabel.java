package dev.starprobe.report.html;

import dev.starprobe.model.DeviceResult;

/** How a device is named in pictures and headings: its inventory name, else a discovered name, else its address. */
final class DeviceLabel {
    private DeviceLabel() {
    }

    static String of(DeviceResult d) {
        if (d.inventory() != null && d.inventory().name() != null && !d.inventory().name().isBlank()) return d.inventory().name();
        if (!d.device().names().isEmpty()) return d.device().names().get(0);
        return d.device().address().getHostAddress();
    }

    /** Anchor id for the device's section: derived from the address, so never from device-supplied text. */
    static String anchor(DeviceResult d) {
        return "dev-" + d.device().address().getHostAddress().replaceAll("[^0-9A-Za-z]", "-");
    }
}
