package dev.starprobe.spi;

import java.util.Objects;

/**
 * A typed name for something a check learns and another consumes (e.g. the TLS versions a service
 * accepts). Keys are equal by name; the type makes {@link Facts#get} type-safe.
 */
public record FactKey<T>(String name, Class<T> type) {
    public FactKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> FactKey<T> of(String name, Class<T> type) {
        return new FactKey<>(name, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactKey<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
