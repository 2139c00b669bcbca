package dev.starprobe.model;

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
 */
public record ExecutionRecord(String checkId, ServiceRef service, ExecutionStatus status, NetworkFailure failure,
                              String detail, long elapsedMillis, int findings) {
}
