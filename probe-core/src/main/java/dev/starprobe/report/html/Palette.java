package dev.starprobe.report.html;

import dev.starprobe.model.Verdict;
import dev.starprobe.report.RequirementRollup;

/** CSS classes and one-letter codes for verdicts and coverage, shared by every picture in the report. */
final class Palette {
    private Palette() {
    }

    static String css(RequirementRollup.Row row) {
        return row.verdict() != null ? css(row.verdict()) : "v-none";
    }

    static String css(Verdict v) {
        return switch (v) {
            case FAIL -> "v-fail";
            case ERROR -> "v-error";
            case INCONCLUSIVE -> "v-inc";
            case PASS -> "v-pass";
            case NOT_APPLICABLE -> "v-na";
        };
    }

    static String code(RequirementRollup.Row row) {
        if (row.verdict() != null) {
            return switch (row.verdict()) {
                case FAIL -> "F";
                case ERROR -> "E";
                case INCONCLUSIVE -> "I";
                case PASS -> "P";
                case NOT_APPLICABLE -> "NA";
            };
        }
        return switch (row.coverage()) {
            case NOT_NETWORK_TESTABLE -> "doc";
            case NOT_MAPPED -> "?";
            default -> "–";
        };
    }

    static String describe(RequirementRollup.Row row) {
        if (row.verdict() != null) return row.verdict().name();
        return switch (row.coverage()) {
            case NOT_NETWORK_TESTABLE -> "not testable over the network";
            case NOT_MAPPED -> "not mapped";
            default -> "not tested in this run";
        };
    }
}
