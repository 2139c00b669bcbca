package dev.starprobe.model;

import java.util.Map;
import java.util.Objects;

/**
 * An open port and what is known about what answers there.
 *
 * @param transport  TCP or UDP
 * @param port       port number
 * @param protocol   application protocol as identified ("http", "telnet", "mqtt"...), null if unknown
 * @param tls        true when the service speaks TLS/DTLS on connect
 * @param product    product name when identified
 * @param version    product version when identified
 * @param banner     first bytes the service sent, printable-escaped and truncated
 * @param attributes further identified fields (e.g. "http.server", "tls.subject")
 */
public record Service(Transport transport, int port, String protocol, boolean tls, String product,
                      String version, String banner, Map<String, String> attributes) {
    public Service {
        Objects.requireNonNull(transport, "transport");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Service open(Transport transport, int port) {
        return new Service(transport, port, null, false, null, null, null, Map.of());
    }

    public ServiceRef ref() {
        return new ServiceRef(transport, port, protocol);
    }

    public Service identified(String protocol, boolean tls, String product, String version, String banner,
                              Map<String, String> attributes) {
        return new Service(transport, port, protocol, tls, product, version, banner, attributes);
    }
}
