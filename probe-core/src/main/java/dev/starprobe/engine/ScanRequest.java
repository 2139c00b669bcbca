package dev.starprobe.engine;

import dev.starprobe.model.DeviceDeclaration;
import dev.starprobe.net.NetSettings;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to scan and how.
 *
 * @param targets       addresses, CIDRs or host names
 * @param scope         CIDRs the probe may contact; empty: exactly the targets
 * @param allowPublic   publicly routable addresses may be scanned
 * @param ports         TCP ports to scan
 * @param udpPorts      UDP ports to probe (only those with a probe in udp-probes.yaml); null for none
 * @param profile       which checks to run
 * @param options       safety classes allowed, credentials, per-check settings
 * @param net           timeouts and politeness
 * @param outDir        where evidence goes; null for none
 * @param checkTimeout  overrides every check's own budget when not null
 * @param progress      event sink
 * @param declaration   the manufacturer's declaration to compare every device with; null for none
 */
public record ScanRequest(List<String> targets, List<String> scope, boolean allowPublic, PortSpec ports,
                          PortSpec udpPorts, Profile profile, ScanOptions options, NetSettings net, Path outDir,
                          Duration checkTimeout, ProgressListener progress, DeviceDeclaration declaration) {
    public ScanRequest {
        targets = List.copyOf(targets);
        scope = List.copyOf(scope);
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** Without UDP probing. */
    public ScanRequest(List<String> targets, List<String> scope, boolean allowPublic, PortSpec ports, Profile profile,
                       ScanOptions options, NetSettings net, Path outDir, Duration checkTimeout, ProgressListener progress) {
        this(targets, scope, allowPublic, ports, null, profile, options, net, outDir, checkTimeout, progress, null);
    }

    public ScanRequest(List<String> targets, List<String> scope, boolean allowPublic, PortSpec ports, PortSpec udpPorts,
                       Profile profile, ScanOptions options, NetSettings net, Path outDir, Duration checkTimeout,
                       ProgressListener progress) {
        this(targets, scope, allowPublic, ports, udpPorts, profile, options, net, outDir, checkTimeout, progress, null);
    }

    public ScanRequest withDeclaration(DeviceDeclaration d) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, profile, options, net, outDir, checkTimeout, progress, d);
    }

    public ScanRequest withUdpPorts(PortSpec udp) {
        return new ScanRequest(targets, scope, allowPublic, ports, udp, profile, options, net, outDir, checkTimeout, progress, declaration);
    }

    public static ScanRequest of(List<String> targets, PortSpec ports) {
        return new ScanRequest(targets, List.of(), false, ports, null, Profile.load("star1"), ScanOptions.safeDefaults(),
                NetSettings.defaults(), null, null, ProgressListener.NONE);
    }

    public ScanRequest withOutDir(Path dir) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, profile, options, net, dir, checkTimeout, progress, declaration);
    }

    public ScanRequest withNet(NetSettings n) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, profile, options, n, outDir, checkTimeout, progress, declaration);
    }

    public ScanRequest withProfile(Profile p) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, p, options, net, outDir, checkTimeout, progress, declaration);
    }

    public ScanRequest withScope(List<String> s, boolean allowPublicAddresses) {
        return new ScanRequest(targets, s, allowPublicAddresses, ports, udpPorts, profile, options, net, outDir, checkTimeout, progress, declaration);
    }

    public ScanRequest withOptions(ScanOptions o) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, profile, o, net, outDir, checkTimeout, progress, declaration);
    }

    public ScanRequest withAllowed(Set<Safety> allowed) {
        return withOptions(new ScanOptions(allowed, options.credentials(), options.ioTimeout(), options.settings()));
    }

    public ScanRequest withSettings(Map<String, String> settings) {
        return withOptions(new ScanOptions(options.allowedSafety(), options.credentials(), options.ioTimeout(), settings));
    }

    public ScanRequest withCheckTimeout(Duration t) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, profile, options, net, outDir, t, progress, declaration);
    }

    public ScanRequest withProgress(ProgressListener l) {
        return new ScanRequest(targets, scope, allowPublic, ports, udpPorts, profile, options, net, outDir, checkTimeout, l, declaration);
    }
}
