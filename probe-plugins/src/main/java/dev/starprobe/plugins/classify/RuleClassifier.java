package dev.starprobe.plugins.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.Service;
import dev.starprobe.model.StarLevel;
import dev.starprobe.spi.Classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies from data (rules.yaml): each category's signals are matched against the device's
 * services and hints and combined as a noisy-OR; the strongest category over the threshold wins and
 * the matched signals are its evidence.
 */
public final class RuleClassifier implements Classifier {
    static final String RESOURCE = "/dev/starprobe/plugins/classification/rules.yaml";

    private final double threshold;
    private final Map<Category, CategoryRule> rules;

    record CategoryRule(StarLevel level, List<String> levelReasons, List<Signal> signals, List<LevelRaise> raises) {
    }

    /** An observation that lifts the category's starting level, with the risk factor it shows. */
    record LevelRaise(Signal signal, StarLevel level, String reason) {
        /** The reason doubles as the signal's evidence text, so the level reason names where it was seen. */
        static LevelRaise parse(JsonNode n, List<String> nameKeys) {
            com.fasterxml.jackson.databind.node.ObjectNode o = ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy());
            if (!o.has("evidence")) o.put("evidence", n.path("reason").asText());
            return new LevelRaise(Signal.parse(o, nameKeys), StarLevel.valueOf(n.path("level").asText()), n.path("reason").asText());
        }
    }

    public RuleClassifier() {
        try (InputStream in = RuleClassifier.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            this.threshold = root.path("threshold").asDouble(0.5);
            this.rules = parse(root.path("categories"), Signal.keys(root.get("nameKeys")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Category, CategoryRule> parse(JsonNode cats, List<String> nameKeys) {
        Map<Category, CategoryRule> out = new LinkedHashMap<>();
        cats.fields().forEachRemaining(e -> {
            Category c = Category.valueOf(e.getKey());
            JsonNode n = e.getValue();
            List<String> reasons = new ArrayList<>();
            n.path("levelReasons").forEach(r -> reasons.add(r.asText()));
            List<Signal> signals = new ArrayList<>();
            n.path("signals").forEach(s -> signals.add(Signal.parse(s, nameKeys)));
            List<LevelRaise> raises = new ArrayList<>();
            n.path("levelRaises").forEach(s -> raises.add(LevelRaise.parse(s, nameKeys)));
            out.put(c, new CategoryRule(StarLevel.valueOf(n.path("level").asText("STAR_1")), reasons, signals, raises));
        });
        return out;
    }

    @Override
    public String id() {
        return "rules";
    }

    @Override
    public Optional<Classification> classify(Device device, List<Service> services) {
        Category best = null;
        double bestScore = 0;
        List<String> bestEvidence = List.of();
        for (var e : rules.entrySet()) {
            double miss = 1;
            List<String> evidence = new ArrayList<>();
            for (Signal s : e.getValue().signals()) {
                Optional<String> hit = s.match(device, services);
                if (hit.isPresent()) {
                    miss *= 1 - s.weight();
                    evidence.add(hit.get());
                }
            }
            double score = 1 - miss;
            if (score > bestScore) {
                best = e.getKey();
                bestScore = score;
                bestEvidence = evidence;
            }
        }
        if (best == null || bestScore < threshold) {
            List<String> why = new ArrayList<>(bestEvidence);
            why.add(0, best == null ? "no evidence: no classification signal matched"
                    : String.format("strongest category %s at %.2f is below the %.2f threshold", best, bestScore, threshold));
            return Optional.of(new Classification(Category.UNKNOWN, bestScore, why, StarLevel.NONE, List.of(), false));
        }
        CategoryRule r = rules.get(best);
        StarLevel level = r.level();
        List<String> reasons = new ArrayList<>(r.levelReasons());
        for (LevelRaise raise : r.raises()) {
            Optional<String> hit = raise.signal().match(device, services);
            if (hit.isEmpty()) continue;
            // NONE sorts last in the enum but means "out of scope": it is never raised
            if (level != StarLevel.NONE && raise.level().compareTo(level) > 0) level = raise.level();
            reasons.add(hit.get());
        }
        return Optional.of(new Classification(best, Math.round(bestScore * 100) / 100.0, bestEvidence, level,
                reasons, false));
    }
}
