package dev.starprobe.lab.hostile;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.util.List;

/** reset-on-connect: 22, 80 and 443 accept and immediately close with SO_LINGER 0, so the client sees a RST. */
public final class ResetOnConnect extends AbstractDevice {
    public static final String NAME = "reset-on-connect";

    public static final GroundTruth TRUTH = new GroundTruth(Category.UNKNOWN, StarLevel.NONE,
            List.of(ServiceTruth.tcp(22, "unknown"), ServiceTruth.tcp(80, "unknown"), ServiceTruth.tcp(443, "unknown")),
            List.of(), "Every connection is reset right after the handshake: 'connection reset', not 'refused'.");

    public ResetOnConnect() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        for (int port : new int[] {22, 80, 443}) {
            rt.bindTcp(port, "unknown", ch -> {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.close();
                    }
                });
            });
        }
    }
}
