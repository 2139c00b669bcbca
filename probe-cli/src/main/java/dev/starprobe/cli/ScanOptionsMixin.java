package dev.starprobe.cli;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.policy.DeclarationFile;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import dev.starprobe.plugins.replay.ReplayInputs;
import dev.starprobe.spi.ScanOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Options of every scanning command (scan, demo). */
final class ScanOptionsMixin {
    @Option(names = {"-p", "--ports"}, description = "TCP ports: list, ranges, 'iot' or 'all' (default: ${DEFAULT-VALUE}).",
            defaultValue = "iot")
    String ports;

    @Option(names = {"-u", "--udp-ports"}, description = "UDP ports to probe in their own protocol: list, ranges, 'iot-udp', or 'none' (default: ${DEFAULT-VALUE}).",
            defaultValue = "iot-udp")
    String udpPorts;

    @Option(names = "--profile", description = "Check profile: star1, quick, or a YAML file (default: ${DEFAULT-VALUE}).",
            defaultValue = "star1")
    String profile;

    @Option(names = {"-o", "--out"}, description = "Report and evidence directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "starprobe-report")
    Path out;

    @Option(names = "--allow", split = ",", description = "Impact classes to allow beyond SAFE: intrusive, brute, disruptive.")
    List<String> allow = List.of();

    @Option(names = "--declaration", description = "Manufacturer's device declaration (YAML): open services not in it FAIL.")
    Path declaration;

    @Option(names = "--set", description = "A check setting KEY=VALUE, repeatable (e.g. tls.policy=my-policy.yaml, dtls.ports=5684,5685).")
    Map<String, String> settings = Map.of();

    @Option(names = "--replay", split = ",", description = "Capture (pcap/pcapng) of the companion app controlling the device:"
            + " its commands are replayed by the replay.* checks (needs --allow intrusive).")
    List<Path> replay = List.of();

    @Option(names = "--replay-template", split = ",", description = "Request template (YAML) for replay: plaintext of encrypted"
            + " requests, freshness fields, state oracle (docs/replay.md).")
    List<Path> replayTemplates = List.of();

    @Option(names = "--credential", description = "A named credential NAME=USER:SECRET, repeatable (e.g. dtls.psk=plug-01:hex:00112233);"
            + " secrets are redacted from evidence and reports.")
    Map<String, String> credentials = Map.of();

    @Option(names = "--check-timeout", description = "Overrides every check's time budget, in seconds.")
    Long checkTimeoutSeconds;

    @Option(names = "--plugins", description = "Folder of plugin jars (default: ${DEFAULT-VALUE}).", defaultValue = "plugins")
    Path plugins;

    @Option(names = "--max-scan-time", description = "Stops starting new work after this many seconds; what is running"
            + " ends within its own budget, whatever did not run is reported as CANCELLED, and the report is still written.")
    Long maxScanTimeSeconds;

    /** The scan's time limit, or null for none. */
    Duration maxScanTime() {
        if (maxScanTimeSeconds == null) return null;
        if (maxScanTimeSeconds <= 0) throw new UserInputException("--max-scan-time must be a positive number of seconds");
        return Duration.ofSeconds(maxScanTimeSeconds);
    }

    @Option(names = "--no-progress", description = "Plain log lines instead of a progress bar.")
    boolean noProgress;

    @Mixin
    NetOptions net;

    Set<Safety> allowedSafety() {
        Set<Safety> s = EnumSet.of(Safety.SAFE);
        for (String a : allow) {
            try {
                s.add(Safety.valueOf(a.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("unknown impact class '" + a + "' for --allow (intrusive, brute, disruptive)");
            }
        }
        return s;
    }

    Map<String, ScanOptions.Credential> credentials() {
        Map<String, ScanOptions.Credential> out = new java.util.LinkedHashMap<>();
        credentials.forEach((name, value) -> {
            int colon = value.indexOf(':');
            if (colon < 0) throw new UserInputException("--credential " + name + " needs USER:SECRET");
            out.put(name, new ScanOptions.Credential(value.substring(0, colon), value.substring(colon + 1)));
        });
        return out;
    }

    /** The replay inputs as check settings, read once here so a bad file stops the scan before any packet is sent. */
    private Map<String, String> withReplay(Map<String, String> given) {
        if (replay.isEmpty() && replayTemplates.isEmpty()) return given;
        ReplayInputsFiles.load(replay, replayTemplates);
        Map<String, String> s = new java.util.LinkedHashMap<>(given);
        if (!replay.isEmpty()) s.put(ReplayInputs.CAPTURE_SETTING, joined(replay));
        if (!replayTemplates.isEmpty()) s.put(ReplayInputs.TEMPLATE_SETTING, joined(replayTemplates));
        return s;
    }

    private static String joined(List<Path> paths) {
        return String.join(",", paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    }

    ScanRequest request(List<String> targets, List<String> scope, boolean allowPublic) {
        var n = net.settings();
        ScanOptions options = new ScanOptions(allowedSafety(), credentials(), n.ioTimeout(), withReplay(settings));
        PortSpec udp = udpPorts.equalsIgnoreCase("none") ? null : PortSpec.parse(udpPorts);
        return new ScanRequest(targets, scope, allowPublic, PortSpec.parse(ports), udp, Profile.load(profile), options, n, out,
                checkTimeoutSeconds == null ? null : Duration.ofSeconds(checkTimeoutSeconds), null,
                declaration == null ? null : DeclarationFile.load(declaration));
    }
}
