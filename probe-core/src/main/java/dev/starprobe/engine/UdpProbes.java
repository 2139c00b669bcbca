package dev.starprobe.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The UDP probe table (udp-probes.yaml): which request to send to which UDP port. */
public final class UdpProbes {
    /** One request; a reply starting with {@code expect} (when set) identifies {@code protocol}. */
    public record Probe(String name, List<Integer> ports, String protocol, byte[] payload, byte[] expect) {
        public boolean accepts(byte[] reply) {
            if (reply.length == 0) return false;
            if (expect == null) return true;
            if (reply.length < expect.length) return false;
            for (int i = 0; i < expect.length; i++) if (reply[i] != expect[i]) return false;
            return true;
        }
    }

    private static final UdpProbes BUILT_IN = load();
    private final List<Probe> probes;

    private UdpProbes(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    public static UdpProbes builtIn() {
        return BUILT_IN;
    }

    /** The probe of that name (checks re-send it to capture evidence). */
    public Optional<Probe> byName(String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Probes for one port, in file order. */
    public List<Probe> forPort(int port) {
        return probes.stream().filter(p -> p.ports().contains(port)).toList();
    }

    private static UdpProbes load() {
        try (InputStream in = UdpProbes.class.getResourceAsStream("/dev/starprobe/engine/udp-probes.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            HexFormat hex = HexFormat.of();
            List<Probe> probes = new ArrayList<>();
            for (JsonNode n : root.path("probes")) {
                List<Integer> ports = new ArrayList<>();
                n.path("ports").forEach(p -> ports.add(p.asInt()));
                byte[] payload = n.has("payload") ? hex.parseHex(n.get("payload").asText())
                        : n.path("text").asText().getBytes(StandardCharsets.UTF_8);
                byte[] expect = n.has("expect") ? hex.parseHex(n.get("expect").asText()) : null;
                probes.add(new Probe(n.path("name").asText(), List.copyOf(ports), n.path("protocol").asText(), payload, expect));
            }
            return new UdpProbes(probes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
