package dev.starprobe.lab;

import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;
import java.util.Objects;

/** What a correct probe should conclude about a simulated device. */
public record GroundTruth(Category category, StarLevel level, List<ServiceTruth> services,
                          List<ExpectedVerdict> expectations, String notes) {
    public GroundTruth {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(level, "level");
        services = List.copyOf(services);
        expectations = List.copyOf(expectations);
        notes = notes == null ? "" : notes;
    }

    /** The expectation for a check on a port (null port = device level), if declared. */
    public java.util.Optional<ExpectedVerdict> expectation(String checkId, Integer port) {
        return expectations.stream()
                .filter(e -> e.checkId().equals(checkId) && Objects.equals(e.port(), port))
                .findFirst();
    }
}
