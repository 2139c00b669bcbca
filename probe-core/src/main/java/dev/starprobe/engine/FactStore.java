package dev.starprobe.engine;

import dev.starprobe.model.ServiceRef;
import dev.starprobe.spi.FactKey;
import dev.starprobe.spi.Facts;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Facts of one device; thread-safe. */
final class FactStore implements Facts {
    private record Key(Integer port, String transport, String fact) {
    }

    private final ConcurrentHashMap<Key, Object> values = new ConcurrentHashMap<>();

    private static Key key(ServiceRef s, FactKey<?> k) {
        return new Key(s == null ? null : s.port(), s == null ? null : s.transport().name(), k.name());
    }

    @Override
    public <T> Optional<T> get(ServiceRef service, FactKey<T> key) {
        Object v = values.get(key(service, key));
        return v == null ? Optional.empty() : Optional.of(key.type().cast(v));
    }

    @Override
    public <T> void put(ServiceRef service, FactKey<T> key, T value) {
        values.put(key(service, key), key.type().cast(value));
    }
}
