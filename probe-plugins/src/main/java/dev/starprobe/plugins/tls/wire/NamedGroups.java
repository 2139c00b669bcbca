package dev.starprobe.plugins.tls.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Key-exchange groups StarProbe offers and names (data: named-groups.txt). */
public final class NamedGroups {
    public static final int X25519 = 29;
    public static final int SECP256R1 = 23;

    /** @param kind ec, dh or pq; @param bits field or prime size, the policy's yardstick */
    public record Group(int code, String name, String kind, int bits) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<Integer, Group> GROUPS = load();

    private NamedGroups() {
    }

    private static Map<Integer, Group> load() {
        Map<Integer, Group> m = new LinkedHashMap<>();
        var in = NamedGroups.class.getResourceAsStream("/dev/starprobe/plugins/tls/named-groups.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] p = line.split("\\s+");
                if (p.length != 4) throw new IllegalStateException("named-groups.txt: bad line '" + line + "'");
                int code = Integer.parseInt(p[0]);
                m.put(code, new Group(code, p[1], p[2], Integer.parseInt(p[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    public static Optional<Group> byCode(int code) {
        return Optional.ofNullable(GROUPS.get(code));
    }

    public static String describe(int code) {
        return byCode(code).map(Group::name).orElse("group 0x" + Integer.toHexString(code));
    }

    public static List<Group> all() {
        return List.copyOf(GROUPS.values());
    }

    /** Groups usable for ECDHE in TLS 1.2 and earlier (elliptic curves only). */
    public static List<Group> ellipticCurves() {
        return GROUPS.values().stream().filter(g -> g.kind().equals("ec")).toList();
    }
}
