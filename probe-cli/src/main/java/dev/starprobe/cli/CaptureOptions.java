package dev.starprobe.cli;

import dev.starprobe.evidence.CaptureFactory;
import dev.starprobe.evidence.CaptureSettings;
import dev.starprobe.evidence.CaptureUnavailableException;
import dev.starprobe.evidence.EvidenceCapture;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.util.List;

/** Packet capture options: on by default, because wire-level findings need their packets as evidence. */
final class CaptureOptions {
    /** a preflight per interface is enough; sampling keeps a /16 sweep from probing 65,536 routes first */
    private static final int PREFLIGHT_SAMPLE = 64;

    @Option(names = "--no-capture", description = "Scan without packet captures; every finding then says 'not captured' and why.")
    boolean noCapture;

    @Option(names = "--capture-max", paramLabel = "MiB", defaultValue = "64",
            description = "Largest capture file per device in MiB; later packets are counted, not kept (default: ${DEFAULT-VALUE}).")
    long captureMaxMiB;

    /** The capture for this scan, or the one-line reason the scan must not start. */
    sealed interface Decision {
        record Capture(EvidenceCapture capture) implements Decision {
        }

        record Refuse(String message) implements Decision {
        }
    }

    Decision decide(CaptureFactory factory, List<InetAddress> addresses) {
        if (captureMaxMiB < 1) throw new UserInputException("--capture-max must be at least 1 MiB");
        if (noCapture) return new Decision.Capture(EvidenceCapture.off("packet capture disabled with --no-capture"));
        try {
            factory.preflight(addresses.subList(0, Math.min(PREFLIGHT_SAMPLE, addresses.size())));
        } catch (CaptureUnavailableException e) {
            return new Decision.Refuse("cannot capture packets for evidence: " + e.getMessage()
                    + ". Re-run with --no-capture to scan without packet captures (every finding will say 'not captured').");
        }
        return new Decision.Capture(factory.capture(CaptureSettings.defaults().withMaxBytes(captureMaxMiB * 1024 * 1024)));
    }
}
