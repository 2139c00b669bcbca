package dev.starprobe.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requirement catalogue: JC-STAR items ("S1.1-12") and EN 303 645 provisions ("EN-5.5-1"),
 * loaded from data. Checks cite requirements by these IDs; unknown IDs are rejected at load time.
 */
public final class RequirementCatalogue {
    public static final String EN_PREFIX = "EN-";
    private static final String RESOURCE = "/dev/starprobe/policy/requirements.yaml";

    private final String version;
    private final Map<String, Requirement> jcstar;
    private final Map<String, String> en303645;

    private RequirementCatalogue(String version, Map<String, Requirement> jcstar, Map<String, String> en) {
        this.version = version;
        this.jcstar = Collections.unmodifiableMap(jcstar);
        this.en303645 = Collections.unmodifiableMap(en);
    }

    public static RequirementCatalogue builtIn() {
        try (InputStream in = RequirementCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequirementCatalogue parse(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        Map<String, Requirement> items = new LinkedHashMap<>();
        for (JsonNode r : root.path("requirements")) {
            List<String> en = new ArrayList<>();
            r.path("en303645").forEach(n -> en.add(n.asText()));
            JsonNode title = r.get("title");
            Requirement req = new Requirement(r.path("id").asText(), title == null || title.isNull() ? null : title.asText(),
                    r.path("confidence").asText("unknown"), r.path("networkTestable").asText("unknown"), en);
            if (items.put(req.id(), req) != null) throw new IOException("duplicate requirement " + req.id());
        }
        Map<String, String> en = new LinkedHashMap<>();
        root.path("en303645").fields().forEachRemaining(e -> en.put(e.getKey(), e.getValue().asText()));
        return new RequirementCatalogue(root.path("version").asText(), items, en);
    }

    public String version() {
        return version;
    }

    public List<Requirement> jcstar() {
        return List.copyOf(jcstar.values());
    }

    public Optional<Requirement> jcstar(String id) {
        return Optional.ofNullable(jcstar.get(id));
    }

    public Optional<String> enProvision(String provision) {
        return Optional.ofNullable(en303645.get(provision));
    }

    /** True for a known JC-STAR item or a known EN 303 645 provision ("EN-5.5-1"). */
    public boolean isKnown(String id) {
        if (id.startsWith(EN_PREFIX)) return en303645.containsKey(id.substring(EN_PREFIX.length()));
        return jcstar.containsKey(id);
    }

    /** Items a network probe cannot decide: the roll-up must list them rather than stay silent. */
    public List<Requirement> notNetworkTestable() {
        return jcstar.values().stream().filter(r -> r.networkTestable().equals("no") || !r.known()).toList();
    }
}
