package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.capture.Capture;
import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user's replay input for a scan: captures ({@value #CAPTURE_SETTING}) and templates
 * ({@value #TEMPLATE_SETTING}), comma-separated paths. Each file is read once per scan however many
 * devices and checks use it (keyed by path, size and modification time).
 */
public record ReplayInputs(List<Capture> captures, List<ReplayRequest> requests) {
    public static final String CAPTURE_SETTING = "replay.capture";
    public static final String TEMPLATE_SETTING = "replay.template";
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    /** The inputs the settings name, or null when they name none. */
    public static ReplayInputs of(ScanOptions options) throws IOException {
        List<Path> captures = paths(options, CAPTURE_SETTING);
        List<Path> templates = paths(options, TEMPLATE_SETTING);
        if (captures.isEmpty() && templates.isEmpty()) return null;
        return load(captures, templates);
    }

    public static ReplayInputs load(List<Path> captureFiles, List<Path> templateFiles) throws IOException {
        List<Capture> captures = new ArrayList<>();
        List<ReplayRequest> requests = new ArrayList<>();
        for (Path p : captureFiles) {
            Capture c = cached(p, () -> Capture.load(p), Capture.class);
            captures.add(c);
            requests.addAll(cached(p, () -> RequestExtractor.extract(c), List.class));
        }
        List<ReplayTemplate.Amendment> amendments = new ArrayList<>();
        for (Path p : templateFiles) {
            ReplayTemplate.Parsed t = cached(p, () -> ReplayTemplate.load(p), ReplayTemplate.Parsed.class);
            requests.addAll(t.requests());
            amendments.addAll(t.amendments());
        }
        @SuppressWarnings("unchecked")
        List<ReplayRequest> all = (List<ReplayRequest>) (List<?>) requests;
        return new ReplayInputs(captures, ReplayTemplate.amend(all, amendments));
    }

    public Capture capture(Path file) {
        return captures.stream().filter(c -> c.file().equals(file)).findFirst().orElse(null);
    }

    private static List<Path> paths(ScanOptions o, String key) {
        List<Path> out = new ArrayList<>();
        o.setting(key).ifPresent(v -> {
            for (String s : v.split(",")) if (!s.isBlank()) out.add(Path.of(s.trim()).toAbsolutePath().normalize());
        });
        return out;
    }

    private interface Loader<T> {
        T load() throws IOException;
    }

    private static synchronized <T> T cached(Path p, Loader<?> loader, Class<T> type) throws IOException {
        if (!Files.isRegularFile(p)) throw new IOException(p + ": no such file");
        String key = type.getSimpleName() + "|" + p + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
        Object v = CACHE.get(key);
        if (v == null) {
            v = loader.load();
            if (CACHE.size() > 64) CACHE.clear(); // a long-running embedder scanning many inputs
            CACHE.put(key, v);
        }
        return type.cast(v);
    }
}
