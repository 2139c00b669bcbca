package dev.starprobe.report.diff;

import java.util.List;

/**
 * What changed between a baseline report and a current one, device by device.
 *
 * @param regressed true when something got worse: a new FAIL, a newly opened service, or a device of
 *                  the baseline that the current report does not contain
 */
public record DiffResult(String baseline, String current, boolean regressed, Summary summary, List<DeviceDiff> devices) {
    public DiffResult {
        devices = List.copyOf(devices);
    }

    public record Summary(int newFails, int fixed, int noLongerDecided, int servicesOpened, int servicesClosed,
                          int servicesChanged, int certificatesChanged, int devicesNew, int devicesMissing) {
    }

    public enum Presence { BOTH, NEW, MISSING }

    /**
     * @param id       device identity (MAC when known, else address)
     * @param firmware declared firmware before and after (null when not declared)
     */
    public record DeviceDiff(String id, String address, String name, Presence presence, String firmwareBefore,
                             String firmwareAfter, List<FindingChange> newFails, List<FindingChange> fixed,
                             List<FindingChange> noLongerDecided, List<ServiceChange> opened, List<ServiceChange> closed,
                             List<ServiceChange> changed, List<CertificateChange> certificates) {
        public DeviceDiff {
            newFails = List.copyOf(newFails);
            fixed = List.copyOf(fixed);
            noLongerDecided = List.copyOf(noLongerDecided);
            opened = List.copyOf(opened);
            closed = List.copyOf(closed);
            changed = List.copyOf(changed);
            certificates = List.copyOf(certificates);
        }

        public boolean regressed() {
            return presence == Presence.MISSING || !newFails.isEmpty() || !opened.isEmpty();
        }

        public boolean unchanged() {
            return presence == Presence.BOTH && newFails.isEmpty() && fixed.isEmpty() && noLongerDecided.isEmpty()
                    && opened.isEmpty() && closed.isEmpty() && changed.isEmpty() && certificates.isEmpty()
                    && java.util.Objects.equals(firmwareBefore, firmwareAfter);
        }
    }

    /** A finding keyed by check, service and title, with its verdict in each report (null = absent). */
    public record FindingChange(String checkId, String service, String title, String before, String after, String reason) {
    }

    /** A service keyed by transport and port; {@code what} says what changed. */
    public record ServiceChange(String service, String before, String after) {
    }

    /** A {@code tls.*} attribute of a service that changed (null = absent). */
    public record CertificateChange(String service, String attribute, String before, String after) {
    }
}
