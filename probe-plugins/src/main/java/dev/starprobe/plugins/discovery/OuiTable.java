package dev.starprobe.plugins.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MAC vendor lookup: the IEEE registry as the machine has it (Debian's ieee-data: MA-L, MA-M and MA-S
 * assignments, the same files arp-scan and Wireshark's tools read) with the project's own short list
 * (oui.tsv) on top. The longest assigned prefix wins, as MA-M and MA-S blocks sit inside a MA-L block.
 */
public final class OuiTable {
    static final String RESOURCE = "/dev/starprobe/plugins/discovery/oui.tsv";
    /** Where Debian's ieee-data package keeps the registry (bootstrap.sh installs it). */
    static final Path IEEE_DIR = Path.of("/usr/share/ieee-data");
    static final List<String> IEEE_FILES = List.of("oui.csv", "mam.csv", "oui36.csv");
    private static final OuiTable BUILT_IN = load();

    private final Map<String, String> vendors;

    OuiTable(Map<String, String> vendors) {
        this.vendors = Map.copyOf(vendors);
    }

    public static OuiTable builtIn() {
        return BUILT_IN;
    }

    static OuiTable load() {
        Map<String, String> all = new HashMap<>(ieeeRegistry(IEEE_DIR));
        try (InputStream in = OuiTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing");
            all.putAll(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))).vendors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OuiTable(all);
    }

    /** The registry files found in {@code dir}; none (an empty map) where the package is not installed. */
    static Map<String, String> ieeeRegistry(Path dir) {
        Map<String, String> m = new HashMap<>();
        for (String f : IEEE_FILES) {
            Path p = dir.resolve(f);
            if (!Files.isReadable(p)) continue;
            try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                parseIeeeCsv(r, m);
            } catch (IOException | UncheckedIOException e) {
                // an unreadable registry only costs vendor names; the own list still answers
            }
        }
        return m;
    }

    /**
     * IEEE registry CSV ("Registry,Assignment,Organization Name,Organization Address"): the assignment
     * is 6, 7 or 9 hex digits; rows that do not look like one are skipped, not fatal (it is not our file).
     */
    static void parseIeeeCsv(BufferedReader r, Map<String, String> into) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            List<String> f = csvFields(line, 3);
            if (f.size() < 3 || !f.get(1).matches("[0-9A-Fa-f]{6}|[0-9A-Fa-f]{7}|[0-9A-Fa-f]{9}")) continue;
            String org = f.get(2).strip();
            if (org.isEmpty()) continue;
            into.put(f.get(1).toUpperCase(Locale.ROOT), org.length() > 96 ? org.substring(0, 96) : org);
        }
    }

    /** The first {@code max} fields of a CSV line; a quoted field may hold commas and doubled quotes. */
    static List<String> csvFields(String line, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length() && out.size() < max; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (out.size() < max) out.add(cur.toString());
        return out;
    }

    /** @throws IllegalArgumentException naming the line of a malformed or duplicate entry */
    static OuiTable parse(BufferedReader r) throws IOException {
        Map<String, String> m = new HashMap<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 2 || !f[0].matches("[0-9A-F]{6}") || f[1].isBlank()) {
                throw new IllegalArgumentException("oui.tsv line " + n + ": expected 'XXXXXX<TAB>vendor' in upper-case hex");
            }
            if (m.put(f[0], f[1].strip()) != null) throw new IllegalArgumentException("oui.tsv line " + n + ": duplicate " + f[0]);
        }
        return new OuiTable(m);
    }

    /** The vendor for a MAC like 02:00:c6:12:00:0b (longest assigned prefix); empty when unknown. */
    public Optional<String> vendor(String mac) {
        String hex = mac.replace(":", "").replace("-", "").replace(".", "").toUpperCase(Locale.ROOT);
        for (int len : new int[] {9, 7, 6}) {
            if (hex.length() < len) continue;
            String v = vendors.get(hex.substring(0, len));
            if (v != null) return Optional.of(v);
        }
        return Optional.empty();
    }

    /** Locally administered (bit 1 of the first byte): set by software, says nothing about the maker. */
    public static boolean locallyAdministered(String mac) {
        try {
            return (Integer.parseInt(mac.substring(0, 2), 16) & 0x02) != 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    int size() {
        return vendors.size();
    }
}
