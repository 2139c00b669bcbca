package dev.starprobe.plugins.replay;

/**
 * Which protocol an encrypted capture flow most likely carries, from its well-known server port: only
 * used to say which replay check an undecryptable flow concerns.
 */
final class Ports {
    private Ports() {
    }

    static Proto tlsProto(int port) {
        return switch (port) {
            case 443, 8443, 4443, 9443 -> Proto.HTTP;
            case 8883 -> Proto.MQTT;
            case 322 -> Proto.RTSP;
            default -> Proto.TCP;
        };
    }

    static Proto dtlsProto(int port) {
        return port == 5684 ? Proto.COAP : Proto.UDP;
    }
}
