package dev.starprobe.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.DeviceDeclaration;
import dev.starprobe.model.Transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a device declaration (YAML); every problem is an error naming the file and the entry. */
public final class DeclarationFile {
    private DeclarationFile() {
    }

    /** @throws IllegalArgumentException with a one-line message for the user */
    public static DeviceDeclaration load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("declaration file not found: " + file);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("declaration " + file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("services").isArray()) {
            throw new IllegalArgumentException("declaration " + file + " needs a 'services' list");
        }
        List<DeviceDeclaration.DeclaredService> services = new ArrayList<>();
        int i = 0;
        for (JsonNode s : root.path("services")) {
            i++;
            int port = s.path("port").asInt(-1);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("declaration " + file + ": service #" + i + " needs a port 1-65535");
            }
            String t = s.path("transport").asText("tcp").toUpperCase(Locale.ROOT);
            if (!t.equals("TCP") && !t.equals("UDP")) {
                throw new IllegalArgumentException("declaration " + file + ": service #" + i + " has transport '" + t + "' (tcp or udp)");
            }
            services.add(new DeviceDeclaration.DeclaredService(Transport.valueOf(t), port,
                    s.hasNonNull("protocol") ? s.get("protocol").asText() : null, s.path("purpose").asText("")));
        }
        return new DeviceDeclaration(file.toString(), text(root, "model"), text(root, "firmware"), services);
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
