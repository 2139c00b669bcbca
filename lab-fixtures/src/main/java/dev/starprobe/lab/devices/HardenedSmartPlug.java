package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.notApplicable;
import static dev.starprobe.lab.ExpectedVerdict.pass;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.proto.CoapService;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/**
 * smart-plug-hardened: only CoAPs on 5684 (Scandium DTLS 1.2 with a per-unit PSK and a lab-CA certificate);
 * nothing on 5683. Reading works over any DTLS session, switching needs the PSK identity.
 */
public final class HardenedSmartPlug extends AbstractDevice {
    public static final String NAME = "smart-plug-hardened";

    public static final GroundTruth TRUTH = new GroundTruth(Category.SMART_HOME, StarLevel.STAR_1,
            List.of(ServiceTruth.dtls(5684, "coaps")),
            List.of(
                    notApplicable(CLEARTEXT_COAP, null, "no CoAP on 5683; only CoAPs on 5684"),
                    pass(DTLS_PROTOCOLS, 5684, "only DTLS 1.2 with AEAD suites (PSK and ECDHE-ECDSA)"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 5684, "PUT /relay answers 4.01 unless the DTLS session used the unit's PSK")),
            "PSK identity and secret are per unit (getters); certificate handshakes work without a client certificate but cannot switch the relay.");

    private final String pskIdentity = "plug-" + Credentials.randomSecret(8);
    private final byte[] pskSecret = LabPki.randomBytes(16);
    private volatile RelayResource relay;

    public HardenedSmartPlug() {
        super(NAME);
    }

    public String pskIdentity() {
        return pskIdentity;
    }

    public byte[] pskSecret() {
        return pskSecret.clone();
    }

    public boolean relayOn() {
        return relay != null && relay.on();
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) {
        relay = new RelayResource(new ServiceContext("coaps", 5684, rt.log()), true);
        CoapService.startDtls(rt, 5684, pskIdentity, pskSecret, relay,
                new InfoResource(new DeviceIdentity("Kumo Home", "KP-20", "2.3.1", "KP20" + Credentials.randomSecret(8), "KP-20 rev C")));
    }
}
