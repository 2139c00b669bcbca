package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.inconclusive;
import static dev.starprobe.lab.ExpectedVerdict.notApplicable;
import static dev.starprobe.lab.ExpectedVerdict.pass;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.ModbusDeviceId;
import dev.starprobe.lab.proto.ModbusServer;
import dev.starprobe.lab.proto.MqttBroker;
import dev.starprobe.lab.proto.SshService;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.lab.tls.ModernTls;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/**
 * gateway-hardened: an industrial gateway with read-only Modbus/TCP (writes: exception 01), MQTT only over TLS
 * with auth, and SSH for the integrator's maintenance that takes the unit's public key only (no password
 * method is offered to anyone, root included).
 */
public final class HardenedGateway extends AbstractDevice {
    public static final String NAME = "gateway-hardened";
    public static final ModbusDeviceId DEVICE_ID = new ModbusDeviceId("Koba Automation", "KA-GW-50", "V3.2.0",
            "http://koba.example", "KobaGate 50", "KA-GW-50");

    public static final GroundTruth TRUTH = new GroundTruth(Category.INDUSTRIAL, StarLevel.STAR_2,
            List.of(ServiceTruth.tcp(22, "ssh"), ServiceTruth.tcp(502, "modbus"), ServiceTruth.tls(8883, "mqtts")),
            List.of(
                    inconclusive(AUTH_UNAUTHENTICATED_ACCESS, 502, "Modbus has no authentication: registers are readable by anyone, "
                            + "but every write is refused with exception 01"),
                    notApplicable(CLEARTEXT_MQTT, null, "no MQTT on 1883; MQTT only over TLS on 8883"),
                    pass(TLS_PROTOCOLS, 8883, "only TLS 1.2 and TLS 1.3"),
                    pass(AUTH_UNAUTHENTICATED_ACCESS, 8883, "CONNECT without valid username/password gets CONNACK 5"),
                    pass(EXPOSURE_SSH_ROOT_LOGIN, 22, "the 'none' request for root is answered with 'publickey' only:"
                            + " no password or keyboard-interactive login exists")),
            "MQTT credentials per unit: mqttCredentials().");

    public static final String SSH_VERSION = "OpenSSH_9.2p1";
    private final Credentials mqtt = Credentials.random("scada");
    private final java.security.KeyPair maintenanceKey = LabPki.uniqueKeyPair(LabPki.KeyKind.EC_P256);

    public HardenedGateway() {
        super(NAME);
    }

    public Credentials mqttCredentials() {
        return mqtt;
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        SshService.bindKeysOnly(rt, SSH_VERSION, maintenanceKey.getPublic());
        new ModbusServer(WeakPlc.processRegisters(), DEVICE_ID, false).bind(rt, ModbusServer.PORT);
        MqttBroker broker = new MqttBroker(new LoginGate(CredentialStore.of(mqtt), LockoutPolicy.standard()), null);
        broker.retain("plant/line1/gw1/status", "{\"online\":true}");
        broker.bind(rt, 8883, ModernTls.forDevice(NAME, rt.address()));
    }
}
