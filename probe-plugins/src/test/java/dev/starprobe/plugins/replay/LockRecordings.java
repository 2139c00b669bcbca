package dev.starprobe.plugins.replay;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.WeakSmartLock;
import dev.starprobe.spi.ScanOptions;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lab engineer does before a replay scan of the lab's smart locks: runs the companion app once per
 * interface while capturing, and writes down the plaintext of what the app sent over TLS/DTLS (with the
 * app's MQTT login and PSK) in a template. Gives the scan settings and credentials that name them.
 */
public final class LockRecordings {
    public record Inputs(Map<String, String> settings, Map<String, ScanOptions.Credential> credentials) {
    }

    private LockRecordings() {
    }

    public static Inputs record(Lab lab, WeakSmartLock weak, HardenedSmartLock hardened, Path dir) throws Exception {
        InetAddress w = lab.address(WeakSmartLock.NAME);
        InetAddress h = lab.address(HardenedSmartLock.NAME);
        Path pcap = dir.resolve("lock-apps.pcap");
        LockApp.Sent http;
        LockApp.Sent mqtt;
        LockApp.Sent coap;
        try (LoopbackCapture ignored = LoopbackCapture.start(w.getHostAddress() + " or host " + h.getHostAddress(), pcap)) {
            LockApp.http(w, 80, false, weak.sampleCommand("unlock"));
            LockApp.mqtt(w, 1883, false, WeakSmartLock.SERIAL, null, null, weak.sampleCommand("unlock"));
            LockApp.coap(w, 5683, null, null, weak.sampleCommand("unlock"));
            http = LockApp.http(h, 443, true, hardened.sampleCommand("unlock"));
            mqtt = LockApp.mqtt(h, 8883, true, HardenedSmartLock.SERIAL, hardened.mqttCredentials().user(),
                    hardened.mqttCredentials().password(), hardened.sampleCommand("unlock"));
            coap = LockApp.coap(h, 5684, hardened.pskIdentity(), hardened.pskSecret(), hardened.sampleCommand("unlock"));
        }
        Path template = dir.resolve("hardened-lock.yaml");
        ReplayChecksTest.writeTemplate(template, http, mqtt, coap, h);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ReplayInputs.CAPTURE_SETTING, pcap.toString());
        settings.put(ReplayInputs.TEMPLATE_SETTING, template.toString());
        settings.put(ReplayCheck.DELAY_SETTING, "1");
        return new Inputs(settings, Map.of(
                "lock-mqtt", new ScanOptions.Credential(hardened.mqttCredentials().user(), hardened.mqttCredentials().password()),
                "lock-psk", new ScanOptions.Credential(hardened.pskIdentity(), "hex:" + HexFormat.of().formatHex(hardened.pskSecret()))));
    }
}
