package dev.starprobe.plugins.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** MAC vendor lookup from the project's own data file (oui.tsv). */
public final class OuiTable {
    static final String RESOURCE = "/dev/starprobe/plugins/discovery/oui.tsv";
    private static final OuiTable BUILT_IN = load();

    private final Map<String, String> vendors;

    OuiTable(Map<String, String> vendors) {
        this.vendors = Map.copyOf(vendors);
    }

    public static OuiTable builtIn() {
        return BUILT_IN;
    }

    static OuiTable load() {
        try (InputStream in = OuiTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The vendor for a MAC like 02:00:c6:12:00:0b; empty when unknown. */
    public Optional<String> vendor(String mac) {
        String hex = mac.replace(":", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (hex.length() < 6) return Optional.empty();
        return Optional.ofNullable(vendors.get(hex.substring(0, 6)));
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
