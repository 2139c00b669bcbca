package dev.starprobe.plugins.exposure;

import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.ScanOptions;

/**
 * What the port scan covered. A claim of absence ("no debug port", "nothing undeclared") is only a
 * PASS when every TCP port was scanned; otherwise it is INCONCLUSIVE.
 */
final class ScanCoverage {
    static final int ALL_TCP_PORTS = 65535;

    private ScanCoverage() {
    }

    static int tcpPortsScanned(CheckContext ctx) {
        return ctx.options().setting(ScanOptions.TCP_PORTS_SCANNED).map(Integer::parseInt).orElse(0);
    }

    static boolean fullTcp(CheckContext ctx) {
        return tcpPortsScanned(ctx) >= ALL_TCP_PORTS;
    }
}
