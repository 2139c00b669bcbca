package dev.starprobe.lab.devices;

import static dev.starprobe.lab.CheckIds.*;
import static dev.starprobe.lab.ExpectedVerdict.fail;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.ModbusDeviceId;
import dev.starprobe.lab.proto.ModbusServer;
import dev.starprobe.lab.proto.MqttBroker;
import dev.starprobe.lab.proto.RegisterMap;
import dev.starprobe.lab.proto.SnmpAgent;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import java.util.List;

/** plc-weak: a PLC whose Modbus/TCP accepts writes from anyone, with an anonymous MQTT broker and SNMP v2c "public". */
public final class WeakPlc extends AbstractDevice {
    public static final String NAME = "plc-weak";
    public static final ModbusDeviceId DEVICE_ID = new ModbusDeviceId("Koba Automation", "KA-PLC-10", "V1.04",
            "http://koba.example", "KobaLogic 10", "KA-PLC-10-ETH");

    public static final GroundTruth TRUTH = new GroundTruth(Category.INDUSTRIAL, StarLevel.STAR_2,
            List.of(ServiceTruth.udp(161, "snmp"), ServiceTruth.tcp(502, "modbus"), ServiceTruth.tcp(1883, "mqtt")),
            List.of(
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 502, "Modbus function 06/16 writes to holding registers accepted from anyone"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 1883, "anonymous MQTT CONNECT accepted (CONNACK 0), process data readable"),
                    fail(AUTH_UNAUTHENTICATED_ACCESS, 161, "write community 'private' accepts a SET (sysLocation.0 written"
                            + " back with the value just read; 'public' is refused with noAccess)"),
                    fail(CLEARTEXT_MQTT, 1883, "MQTT without TLS carries process telemetry"),
                    fail(CLEARTEXT_SNMP, 161, "SNMP v2c: community strings in cleartext"),
                    fail(AUTH_DEFAULT_CREDENTIALS, 161, "community 'public' reads, 'private' writes")),
            "Holding registers 0-99 (setpoints, counters). Modbus identification (43/14): Koba Automation / KA-PLC-10 / V1.04.");

    public WeakPlc() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    static RegisterMap processRegisters() {
        RegisterMap m = new RegisterMap();
        for (int i = 0; i < 100; i++) m.set(i, 0);
        return m.set(0, 1).set(1, 1500).set(2, 420).set(10, 7).set(11, 65);
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        new ModbusServer(processRegisters(), DEVICE_ID, true).bind(rt, ModbusServer.PORT);
        MqttBroker broker = new MqttBroker(null, null);
        broker.retain("plant/line1/plc1/status", "{\"running\":true,\"speed_rpm\":1500,\"temp_c\":42.0}");
        broker.bind(rt, 1883, null);
        SnmpAgent.startCommunity(rt, "public", "private", "KA-PLC-10 V1.04 (VxWorks 6.9)", "plc1");
    }
}
