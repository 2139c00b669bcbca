package dev.starprobe.spi;

import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;

import java.util.List;

/**
 * How a check ended. Whether it ran and what it found are different questions: only
 * {@link Completed} carries findings; the others say why there are none.
 */
public sealed interface CheckOutcome {

    record Completed(List<Finding> findings) implements CheckOutcome {
        public Completed {
            findings = List.copyOf(findings);
        }
    }

    record Failed(NetworkFailure failure, String detail) implements CheckOutcome {
    }

    record NotApplicable(String reason) implements CheckOutcome {
    }

    record Skipped(String reason) implements CheckOutcome {
    }

    static CheckOutcome completed(Finding... findings) {
        return new Completed(List.of(findings));
    }

    static CheckOutcome completed(List<Finding> findings) {
        return new Completed(findings);
    }

    static CheckOutcome failed(NetworkFailure failure, String detail) {
        return new Failed(failure, detail);
    }

    static CheckOutcome notApplicable(String reason) {
        return new NotApplicable(reason);
    }

    static CheckOutcome skipped(String reason) {
        return new Skipped(reason);
    }
}
