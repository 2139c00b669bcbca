package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/** tarpit: accepts on 23, 80 and 443 and never answers nor reads nor closes. */
public final class Tarpit extends AbstractDevice {
    public static final String NAME = "tarpit";
    static final int[] PORTS = {23, 80, 443};

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(23, "unknown"), ServiceTruth.tcp(80, "unknown"), ServiceTruth.tcp(443, "unknown")),
            List.of(), "Connections are accepted and then nothing happens: a probe must time out per operation and move on.");

    public Tarpit() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        for (int port : PORTS) rt.bindTcp(port, "unknown", ch -> ch.config().setAutoRead(false));
    }
}
