package dev.starprobe.model;

/** A compact pointer to a service of a device: enough to key findings and diffs. */
public record ServiceRef(Transport transport, int port, String protocol) {
    @Override
    public String toString() {
        return port + "/" + transport.name().toLowerCase() + (protocol == null ? "" : " " + protocol);
    }
}
