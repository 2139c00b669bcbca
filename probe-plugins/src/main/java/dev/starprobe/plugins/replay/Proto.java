package dev.starprobe.plugins.replay;

/** The application protocols a replay request can be in. */
public enum Proto {
    HTTP, RTSP, MQTT, COAP, TCP, UDP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
