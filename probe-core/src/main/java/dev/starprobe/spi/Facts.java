package dev.starprobe.spi;

import dev.starprobe.model.ServiceRef;

import java.util.Optional;

/**
 * What checks have learned about one device, per service or device-wide (service == null).
 * Thread-safe: checks of one device run concurrently.
 */
public interface Facts {
    <T> Optional<T> get(ServiceRef service, FactKey<T> key);

    <T> void put(ServiceRef service, FactKey<T> key, T value);

    default <T> Optional<T> device(FactKey<T> key) {
        return get(null, key);
    }
}
