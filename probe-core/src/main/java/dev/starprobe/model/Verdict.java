package dev.starprobe.model;

/**
 * What a finding concluded. ERROR exists for findings whose test broke in a way that is itself
 * worth reporting (e.g. the device stopped answering mid-check); whether a check ran at all is
 * {@link dev.starprobe.spi.CheckOutcome}'s job, never this enum's.
 */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE, NOT_APPLICABLE, ERROR;

    /** Roll-up order: one FAIL fails a requirement; PASS needs every finding to pass. */
    public static Verdict worst(Verdict a, Verdict b) {
        return a.rank() >= b.rank() ? a : b;
    }

    private int rank() {
        return switch (this) {
            case NOT_APPLICABLE -> 0;
            case PASS -> 1;
            case INCONCLUSIVE -> 2;
            case ERROR -> 3;
            case FAIL -> 4;
        };
    }
}
