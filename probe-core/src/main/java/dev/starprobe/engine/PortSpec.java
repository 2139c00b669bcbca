package dev.starprobe.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.Locale;

/**
 * Which TCP ports to scan: comma-separated ports, ranges ("1-1024"), named lists from data
 * ("iot"), or "all" (1-65535).
 */
public final class PortSpec {
    private static final JsonNode LISTS = loadLists();
    private final BitSet ports;
    private final String text;

    private PortSpec(BitSet ports, String text) {
        this.ports = ports;
        this.text = text;
    }

    /** @throws IllegalArgumentException with a message for the user */
    public static PortSpec parse(String text) {
        BitSet b = new BitSet(65536);
        for (String raw : text.split(",")) {
            String part = raw.trim().toLowerCase(Locale.ROOT);
            if (part.isEmpty()) continue;
            if (part.equals("all")) {
                b.set(1, 65536);
            } else if (LISTS.has(part)) {
                LISTS.get(part).forEach(n -> b.set(n.asInt()));
            } else if (part.matches("\\d{1,5}-\\d{1,5}")) {
                int dash = part.indexOf('-');
                int lo = port(part.substring(0, dash), text);
                int hi = port(part.substring(dash + 1), text);
                if (lo > hi) throw new IllegalArgumentException("empty port range '" + part + "' in '" + text + "'");
                b.set(lo, hi + 1);
            } else if (part.matches("\\d{1,5}")) {
                b.set(port(part, text));
            } else {
                throw new IllegalArgumentException("bad port spec '" + raw.trim() + "' (use e.g. 22,80-90,iot,all)");
            }
        }
        if (b.isEmpty()) throw new IllegalArgumentException("no ports in '" + text + "'");
        return new PortSpec(b, text);
    }

    private static int port(String s, String text) {
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) throw new IllegalArgumentException("port " + p + " out of range 1-65535 in '" + text + "'");
        return p;
    }

    public static PortSpec of(int... ports) {
        BitSet b = new BitSet(65536);
        StringBuilder sb = new StringBuilder();
        for (int p : ports) {
            b.set(p);
            if (sb.length() > 0) sb.append(',');
            sb.append(p);
        }
        return new PortSpec(b, sb.toString());
    }

    public int[] ports() {
        return ports.stream().toArray();
    }

    public int size() {
        return ports.cardinality();
    }

    public boolean contains(int port) {
        return ports.get(port);
    }

    /** The ports as ascending comma-separated ranges, e.g. "22,80-90,443" (the syntax other scanners take). */
    public String ranges() {
        StringBuilder sb = new StringBuilder();
        for (int lo = ports.nextSetBit(0); lo >= 0; lo = ports.nextSetBit(ports.nextClearBit(lo))) {
            int hi = ports.nextClearBit(lo) - 1;
            if (sb.length() > 0) sb.append(',');
            sb.append(lo);
            if (hi > lo) sb.append('-').append(hi);
        }
        return sb.toString();
    }

    /** A copy with extra ports added (e.g. the ports a fixture or inventory declares). */
    public PortSpec plus(int... more) {
        BitSet b = (BitSet) ports.clone();
        for (int p : more) b.set(p);
        return new PortSpec(b, text);
    }

    @Override
    public String toString() {
        return text;
    }

    private static JsonNode loadLists() {
        try (InputStream in = PortSpec.class.getResourceAsStream("/dev/starprobe/engine/ports.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in).path("lists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
