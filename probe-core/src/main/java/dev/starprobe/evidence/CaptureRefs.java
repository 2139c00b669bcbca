package dev.starprobe.evidence;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.Finding;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points every finding of a device at its sealed capture file, narrowed to the frames recorded while
 * the check that produced the finding ran. Checks of one device may run concurrently, so the window can
 * hold other checks' packets too; the note says so rather than pretend otherwise.
 */
public final class CaptureRefs {
    /** a check's sessions are closed just after it ends: keep their closing packets in its window */
    static final Duration TEARDOWN = Duration.ofMillis(50);

    private CaptureRefs() {
    }

    /**
     * @param file     the sealed capture on disk
     * @param relative its path relative to the report directory
     * @param sha256   its hash, as in the manifest
     * @param note     what the capture holds and anything missing from it (truncation, drops)
     */
    public static DeviceResult attach(DeviceResult result, Path file, String relative, String sha256, String note)
            throws IOException {
        Map<ExecutionRecord, long[]> frames = frameRanges(file, result.executions());
        List<Finding> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            ExecutionRecord run = result.runOf(f);
            String range = null;
            String why = note + "; whole capture of the device (the check's timing is unknown)";
            if (run != null && run.startedAt() != null) {
                long[] fr = frames.get(run);
                String window = run.startedAt().truncatedTo(ChronoUnit.MICROS) + "/"
                        + run.endedAt().plus(TEARDOWN).truncatedTo(ChronoUnit.MICROS);
                range = (fr[0] == 0 ? "no frames" : "frames " + fr[0] + "-" + fr[1]) + " (" + window + ")";
                why = note + "; frames captured while check " + f.checkId() + " ran (+" + TEARDOWN.toMillis()
                        + " ms for connection teardown); checks of one device may run concurrently, so other checks'"
                        + " packets can interleave"
                        + (fr[0] == 0 ? "" : "; Wireshark filter: frame.number >= " + fr[0] + " && frame.number <= " + fr[1]);
            }
            out.add(f.withEvidence(List.of(new EvidenceRef("pcap", relative, sha256, range, why))));
        }
        return result.withFindings(out);
    }

    /** First and last frame (1-based, 0 = none) inside each execution's window, in one pass over the file. */
    static Map<ExecutionRecord, long[]> frameRanges(Path file, List<ExecutionRecord> runs) throws IOException {
        Map<ExecutionRecord, long[]> windows = new LinkedHashMap<>();
        for (ExecutionRecord e : runs) {
            if (e.startedAt() == null) continue;
            // [startMicros, endMicros, firstFrame, lastFrame]
            windows.put(e, new long[]{micros(e.startedAt()), micros(e.endedAt().plus(TEARDOWN)), 0, 0});
        }
        if (!windows.isEmpty()) {
            PcapRecords.read(file, h -> {
                for (long[] w : windows.values()) {
                    if (h.epochMicros() >= w[0] && h.epochMicros() <= w[1]) {
                        if (w[2] == 0) w[2] = h.frame();
                        w[3] = h.frame();
                    }
                }
            });
        }
        Map<ExecutionRecord, long[]> out = new LinkedHashMap<>();
        windows.forEach((e, w) -> out.put(e, new long[]{w[2], w[3]}));
        return out;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
