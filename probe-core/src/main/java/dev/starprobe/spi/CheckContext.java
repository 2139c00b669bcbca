package dev.starprobe.spi;

import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Everything a running check may use. Sessions opened through {@link #net()} are closed by the engine. */
public interface CheckContext {
    CheckDescriptor descriptor();

    Device device();

    /** All services found on the device. */
    List<Service> services();

    /** The service this run is about; empty for device-level checks. */
    Optional<Service> service();

    Classification classification();

    Facts facts();

    /** Engine-owned network access: scope, limits, timeouts and evidence apply to every session. */
    Network net();

    /** User-supplied settings for this device (credentials, allowed impact, overrides). */
    ScanOptions options();

    /** Bounded pool for blocking work; never the event loop. */
    Executor blockingExecutor();

    /** Stores transcripts and other evidence files for this device. */
    EvidenceRecorder evidence();

    /** A finding pre-filled with this check's id, requirements and service. */
    FindingBuilder finding(Verdict verdict, String reason);

    interface FindingBuilder {
        FindingBuilder title(String title);

        FindingBuilder severity(dev.starprobe.model.Severity severity);

        FindingBuilder requirements(String... ids);

        /** The service the finding is about, when a device-level check reports on one service. */
        FindingBuilder service(dev.starprobe.model.ServiceRef service);

        FindingBuilder evidence(dev.starprobe.model.EvidenceRef ref);

        FindingBuilder evidence(Session session, String note);

        /** Attaches the transcripts of every connection this check has opened so far. */
        FindingBuilder traffic(String note);

        Finding build();
    }
}
