package dev.starprobe.model;

import java.time.Instant;

/**
 * How one check ran against one device or service.
 *
 * @param checkId  the check
 * @param service  the service it ran against, or null for device-level checks
 * @param status   completed, error, timed out, skipped, not applicable, cancelled
 * @param failure  for ERROR: what failed on the network
 * @param detail   reason for skipped / not applicable / error, null when completed
 * @param elapsedMillis wall time spent
 * @param findings number of findings it produced
 * @param startedAt when the check started; null when it never ran. With {@code elapsedMillis} it gives
 *                  the time window in which the check's traffic lies inside a packet capture.
 */
public record ExecutionRecord(String checkId, ServiceRef service, ExecutionStatus status, NetworkFailure failure,
                              String detail, long elapsedMillis, int findings, Instant startedAt) {

    /** The form before start times were recorded; callers that gate a check before it runs use it. */
    public ExecutionRecord(String checkId, ServiceRef service, ExecutionStatus status, NetworkFailure failure,
                           String detail, long elapsedMillis, int findings) {
        this(checkId, service, status, failure, detail, elapsedMillis, findings, null);
    }

    public ExecutionRecord withStartedAt(Instant at) {
        return new ExecutionRecord(checkId, service, status, failure, detail, elapsedMillis, findings, at);
    }

    /** End of the check's window, null when it never ran. */
    public Instant endedAt() {
        return startedAt == null ? null : startedAt.plusMillis(elapsedMillis);
    }
}
