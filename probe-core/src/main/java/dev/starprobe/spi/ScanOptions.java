package dev.starprobe.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings a check reads for the device it runs on.
 *
 * @param allowedSafety  impact classes the user allowed for this device
 * @param credentials    named credentials the user supplied (values never appear in reports)
 * @param ioTimeout      default read timeout for sessions
 * @param settings       free-form per-check settings ("auth.burst" = "5")
 */
public record ScanOptions(Set<Safety> allowedSafety, Map<String, Credential> credentials, Duration ioTimeout,
                          Map<String, String> settings) {
    public ScanOptions {
        allowedSafety = Set.copyOf(allowedSafety);
        credentials = Map.copyOf(credentials);
        settings = Map.copyOf(settings);
    }

    public static ScanOptions safeDefaults() {
        return new ScanOptions(Set.of(Safety.SAFE), Map.of(), Duration.ofSeconds(5), Map.of());
    }

    /** Settings the engine adds for checks: how the scan was run (e.g. how many TCP ports were scanned). */
    public static final String TCP_PORTS_SCANNED = "scan.tcpPortsScanned";
    public static final String UDP_PORTS_PROBED = "scan.udpPortsProbed";

    public ScanOptions withSetting(String key, String value) {
        Map<String, String> s = new java.util.HashMap<>(settings);
        s.put(key, value);
        return new ScanOptions(allowedSafety, credentials, ioTimeout, s);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** A credential; {@link #toString()} never shows the secret. */
    public record Credential(String user, String secret) {
        @Override
        public String toString() {
            return "Credential[user=" + user + ", secret=<redacted>]";
        }
    }
}
