package dev.starprobe.lab;

import dev.starprobe.model.Transport;
import java.util.Objects;

/**
 * One open service of a simulated device. Protocol names: http, https, telnet, ssh, ftp, rtsp, mqtt, mqtts,
 * coap, coaps, snmp, modbus, upnp, ssdp, dns, smb, rdp, or "unknown" for opaque services.
 */
public record ServiceTruth(Transport transport, int port, String protocol, boolean tls) {
    public ServiceTruth {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
    }

    public static ServiceTruth tcp(int port, String protocol) {
        return new ServiceTruth(Transport.TCP, port, protocol, false);
    }

    public static ServiceTruth tls(int port, String protocol) {
        return new ServiceTruth(Transport.TCP, port, protocol, true);
    }

    public static ServiceTruth udp(int port, String protocol) {
        return new ServiceTruth(Transport.UDP, port, protocol, false);
    }

    public static ServiceTruth dtls(int port, String protocol) {
        return new ServiceTruth(Transport.UDP, port, protocol, true);
    }
}
