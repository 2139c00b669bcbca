package dev.starprobe.cli;

import dev.starprobe.net.NetSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Politeness and timeout options shared by every command that touches the network. */
final class NetOptions {
    @Option(names = "--max-per-device", description = "Connections open at once per device (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int maxPerDevice;

    @Option(names = "--rate-per-device", description = "New connections per second per device, 0 = unlimited (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    double ratePerDevice;

    @Option(names = "--probe-delay", description = "Minimum delay between two connections to one device in ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long probeDelayMs;

    @Option(names = "--max-global", description = "Connections open at once across the scan (default: ${DEFAULT-VALUE}).",
            defaultValue = "256")
    int maxGlobal;

    @Option(names = "--rate-global", description = "New connections per second across the scan, 0 = unlimited (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double rateGlobal;

    @Option(names = "--connect-timeout", description = "TCP connect timeout in ms (default: ${DEFAULT-VALUE}).", defaultValue = "3000")
    long connectTimeoutMs;

    @Option(names = "--io-timeout", description = "Read timeout in ms (default: ${DEFAULT-VALUE}).", defaultValue = "5000")
    long ioTimeoutMs;

    NetSettings settings() {
        if (maxPerDevice < 1) throw new UserInputException("--max-per-device must be at least 1");
        if (maxGlobal < 1) throw new UserInputException("--max-global must be at least 1");
        if (ratePerDevice < 0 || rateGlobal < 0) throw new UserInputException("rates must not be negative");
        if (connectTimeoutMs < 1 || ioTimeoutMs < 1) throw new UserInputException("timeouts must be positive");
        return NetSettings.defaults()
                .withPerDevice(maxPerDevice, ratePerDevice)
                .withGlobal(maxGlobal, rateGlobal)
                .withMinGap(Duration.ofMillis(probeDelayMs))
                .withTimeouts(Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(ioTimeoutMs));
    }
}
