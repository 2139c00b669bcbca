package dev.starprobe.lab.devices;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.RawTcp;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/** unknown-device: one TCP port (4000) that sends an opaque binary banner; nothing identifies it. */
public final class UnknownDevice extends AbstractDevice {
    public static final String NAME = "unknown-device";
    public static final int PORT = 4000;
    static final byte[] BANNER = {(byte) 0xA5, 0x5A, 0x01, 0x07, 0x00, 0x10, (byte) 0x8C, 0x3E, 0x00, 0x00,
        (byte) 0xFE, 0x13, 0x77, 0x02, (byte) 0x9B, 0x41};

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(PORT, "unknown")),
            List.of(),
            "A classifier must answer UNKNOWN with low confidence, not guess a category.");

    public UnknownDevice() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        RawTcp.banner(rt, PORT, "unknown", BANNER.clone());
    }
}
