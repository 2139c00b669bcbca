package dev.starprobe.plugins.identify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The service fingerprint database, loaded from data; first matching rule wins, in file order. */
public final class FingerprintDb {
    public static final String RESOURCE = "/dev/starprobe/plugins/fingerprints/banners.yaml";
    private static volatile FingerprintDb builtIn;

    private final List<Fingerprint> rules;

    FingerprintDb(List<Fingerprint> rules) {
        this.rules = List.copyOf(rules);
    }

    public static FingerprintDb builtIn() {
        if (builtIn == null) {
            try (InputStream in = FingerprintDb.class.getResourceAsStream(RESOURCE)) {
                builtIn = parse(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builtIn;
    }

    /** @throws IllegalArgumentException naming the source and the rule on any malformed entry */
    static FingerprintDb parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        List<Fingerprint> out = new ArrayList<>();
        for (JsonNode n : root.path("fingerprints")) {
            String id = n.path("id").asText(null);
            String probe = n.path("probe").asText(null);
            String regex = n.path("match").asText(null);
            if (id == null || probe == null || regex == null || !n.hasNonNull("protocol")) {
                throw new IllegalArgumentException(source + ": fingerprint " + id + " needs id, probe, match, protocol");
            }
            Pattern p;
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(source + ": fingerprint " + id + " has a bad regex: " + e.getDescription());
            }
            List<String> examples = new ArrayList<>();
            n.path("examples").forEach(x -> examples.add(x.asText()));
            out.add(new Fingerprint(id, probe, p, n.path("protocol").asText(), text(n, "product"), text(n, "version"), examples));
        }
        return new FingerprintDb(out);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    public List<Fingerprint> rules() {
        return rules;
    }

    public Optional<Fingerprint.Identification> identify(String probe, String response) {
        for (Fingerprint f : rules) {
            if (!f.probe().equals(probe)) continue;
            Optional<Fingerprint.Identification> id = f.apply(response);
            if (id.isPresent()) return id;
        }
        return Optional.empty();
    }
}
