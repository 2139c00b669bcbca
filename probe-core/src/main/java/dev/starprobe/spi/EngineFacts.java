package dev.starprobe.spi;

import dev.starprobe.model.DeviceDeclaration;

import java.util.Set;

/** Device facts the engine provides before any check runs (no check has to produce them). */
public final class EngineFacts {
    /** The manufacturer's declaration for this device, when the user gave one. */
    public static final FactKey<DeviceDeclaration> DECLARATION = FactKey.of("engine.declaration", DeviceDeclaration.class);

    public static final Set<FactKey<?>> ALL = Set.of(DECLARATION);

    private EngineFacts() {
    }
}
