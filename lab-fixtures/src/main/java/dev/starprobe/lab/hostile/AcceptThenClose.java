package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.RawTcp;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/** accept-then-close: 23, 80 and 443 accept and close at once with a FIN (end of stream, no data). */
public final class AcceptThenClose extends AbstractDevice {
    public static final String NAME = "accept-then-close";

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(23, "unknown"), ServiceTruth.tcp(80, "unknown"), ServiceTruth.tcp(443, "unknown")),
            List.of(), "Open ports that end every connection at once: open, but no service identified.");

    public AcceptThenClose() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        for (int port : new int[] {23, 80, 443}) RawTcp.acceptThenClose(rt, port, "unknown");
    }
}
