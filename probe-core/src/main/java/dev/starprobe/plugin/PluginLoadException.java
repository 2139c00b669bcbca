package dev.starprobe.plugin;

/** The installed plugins do not form a valid set (duplicate id, unknown requirement, fact cycle...). */
public class PluginLoadException extends RuntimeException {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
