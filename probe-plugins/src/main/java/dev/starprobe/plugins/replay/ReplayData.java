package dev.starprobe.plugins.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The replay data file: freshness field names per kind, the text that marks a refusal, where challenges are looked for. */
final class ReplayData {
    private static final String RESOURCE = "/dev/starprobe/plugins/replay/replay.yaml";
    static final ReplayData STOCK = load();

    record Names(List<String> names, List<String> suffixes) {
    }

    final Map<Freshness.Kind, Names> freshness;
    final List<String> rejectionMarkers;
    /** Where the protocol-native HTTP replay looks for a Basic or Digest challenge, in order. */
    final List<String> challengePaths;

    private ReplayData(Map<Freshness.Kind, Names> freshness, List<String> rejectionMarkers, List<String> challengePaths) {
        this.freshness = freshness;
        this.rejectionMarkers = rejectionMarkers;
        this.challengePaths = challengePaths;
    }

    private static ReplayData load() {
        try (InputStream in = ReplayData.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<Freshness.Kind, Names> f = new EnumMap<>(Freshness.Kind.class);
            for (Freshness.Kind k : Freshness.Kind.values()) {
                JsonNode n = root.path("freshness").path(k.name().toLowerCase(Locale.ROOT));
                f.put(k, new Names(texts(n.path("names")), texts(n.path("suffixes"))));
            }
            List<String> paths = new ArrayList<>();
            root.path("challengePaths").forEach(x -> paths.add(x.asText()));
            return new ReplayData(f, texts(root.path("rejectionMarkers")), List.copyOf(paths));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        return List.copyOf(out);
    }

    /** The kind a field name says, or null. Exact names win over suffixes. */
    Freshness.Kind kindOf(String name) {
        String n = normal(name);
        for (var e : freshness.entrySet()) if (e.getValue().names().contains(n)) return e.getKey();
        for (var e : freshness.entrySet()) {
            for (String s : e.getValue().suffixes()) if (n.length() > s.length() && n.endsWith(s)) return e.getKey();
        }
        return null;
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }
}
