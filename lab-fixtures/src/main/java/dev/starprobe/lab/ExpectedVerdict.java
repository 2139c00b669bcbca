package dev.starprobe.lab;

import dev.starprobe.model.Verdict;
import java.util.Objects;

/**
 * The verdict a correct check should reach. {@code port} is the service port, or null for a device-level
 * expectation. {@code why} names the concrete evidence (e.g. "TLS 1.0 accepted on 443").
 */
public record ExpectedVerdict(String checkId, Integer port, Verdict verdict, String why) {
    public ExpectedVerdict {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(verdict, "verdict");
        if (why == null || why.isBlank()) throw new IllegalArgumentException("an expectation needs a why: " + checkId);
    }

    public static ExpectedVerdict fail(String checkId, Integer port, String why) {
        return new ExpectedVerdict(checkId, port, Verdict.FAIL, why);
    }

    public static ExpectedVerdict pass(String checkId, Integer port, String why) {
        return new ExpectedVerdict(checkId, port, Verdict.PASS, why);
    }

    public static ExpectedVerdict inconclusive(String checkId, Integer port, String why) {
        return new ExpectedVerdict(checkId, port, Verdict.INCONCLUSIVE, why);
    }

    public static ExpectedVerdict notApplicable(String checkId, Integer port, String why) {
        return new ExpectedVerdict(checkId, port, Verdict.NOT_APPLICABLE, why);
    }
}
