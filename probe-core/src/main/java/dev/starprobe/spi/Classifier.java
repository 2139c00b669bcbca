package dev.starprobe.spi;

import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.Service;

import java.util.List;
import java.util.Optional;

/** Places a device in a JC-STAR category from what is known of it; the most confident answer wins. */
public interface Classifier {
    String id();

    Optional<Classification> classify(Device device, List<Service> services);
}
