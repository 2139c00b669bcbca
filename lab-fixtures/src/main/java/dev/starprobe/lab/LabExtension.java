package dev.starprobe.lab;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs a {@link Lab} for a test class:
 * <pre>
 * {@literal @}RegisterExtension
 * static final LabExtension LAB = LabExtension.of(BuiltInLab::weak);
 * ... LAB.lab().address("camera-weak") ...
 * </pre>
 * JUnit is a compile-only (provided) dependency: users bring their own.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<? extends List<? extends SimulatedDevice>> devices;
    private volatile Lab lab;

    private LabExtension(Supplier<? extends List<? extends SimulatedDevice>> devices) {
        this.devices = devices;
    }

    public static LabExtension of(Supplier<? extends List<? extends SimulatedDevice>> devices) {
        return new LabExtension(devices);
    }

    public Lab lab() {
        Lab l = lab;
        if (l == null) throw new IllegalStateException("the lab runs only between beforeAll and afterAll");
        return l;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        lab = Lab.start(devices.get());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Lab l = lab;
        lab = null;
        if (l != null) l.close();
    }
}
