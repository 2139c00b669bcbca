package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.proto.CoapService;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/** smart-plug-weak: CoAP on 5683 without DTLS; PUT /relay switches the plug for anyone. */
public final class WeakSmartPlug extends AbstractDevice {
    public static final String NAME = "smart-plug-weak";
    public static final DeviceIdentity IDENTITY = new DeviceIdentity("Kumo Home", "KP-10", "1.0.3", "KP10A4C2019", "KP-10 rev A");

    public static final GroundTruth TRUTH = new GroundTruth(Category.SMART_HOME, StarLevel.STAR_1,
            List.of(ServiceTruth.udp(5683, "coap")),
            List.of(
                    fail(CLEARTEXT_COAP, 5683, "CoAP without DTLS on 5683: relay state and commands in cleartext"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 5683, "PUT /relay switches the relay without any authentication")),
            "Resources: /.well-known/core, /relay (GET, PUT on|off|toggle), /info.");

    private volatile RelayResource relay;

    public WeakSmartPlug() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    /** Whether the relay is on (for tests that prove a PUT took effect). */
    public boolean relayOn() {
        return relay != null && relay.on();
    }

    @Override
    protected void startServices(DeviceRuntime rt) {
        relay = new RelayResource(new ServiceContext("coap", 5683, rt.log()), false);
        CoapService.startUdp(rt, 5683, relay, new InfoResource(IDENTITY));
    }
}
