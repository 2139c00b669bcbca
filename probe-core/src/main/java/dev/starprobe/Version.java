package dev.starprobe;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/** The tool's name and version, from the build. */
public final class Version {
    private Version() {
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/starprobe/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // fall through to "unknown": a missing version must not stop a scan
        }
        return p.getProperty("version", "unknown");
    }

    public static Map<String, String> toolInfo() {
        return Map.of("name", "StarProbe", "version", version(), "java", System.getProperty("java.version"));
    }
}
