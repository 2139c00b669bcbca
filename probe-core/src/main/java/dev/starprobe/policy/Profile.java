package dev.starprobe.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which checks a run includes, as data: a built-in name ("star1", "quick") or a YAML file with
 * include/exclude glob patterns over check ids.
 */
public record Profile(String name, String description, List<String> include, List<String> exclude) {
    public Profile {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** @throws IllegalArgumentException naming the profile or file when it cannot be read */
    public static Profile load(String nameOrPath) {
        String res = "/dev/starprobe/policy/profiles/" + nameOrPath + ".yaml";
        try (InputStream in = Profile.class.getResourceAsStream(res)) {
            if (in != null) return parse(in, nameOrPath);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read built-in profile " + nameOrPath + ": " + e.getMessage());
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("unknown profile '" + nameOrPath + "' (built-in: star1, quick; or a YAML file)");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return parse(in, p.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + p + ": " + e.getMessage());
        }
    }

    static Profile parse(InputStream in, String source) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("profile " + source + " is not valid YAML: " + e.getMessage());
        }
        if (n == null || !n.isObject() || !n.path("include").isArray()) {
            throw new IllegalArgumentException("profile " + source + " needs a name and an 'include' list");
        }
        return new Profile(n.path("name").asText(source), n.path("description").asText(""),
                strings(n.path("include")), strings(n.path("exclude")));
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    public boolean includes(String checkId) {
        return include.stream().anyMatch(g -> glob(g).matcher(checkId).matches())
                && exclude.stream().noneMatch(g -> glob(g).matcher(checkId).matches());
    }

    private static Pattern glob(String g) {
        StringBuilder sb = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*') sb.append(".*");
            else sb.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString());
    }
}
