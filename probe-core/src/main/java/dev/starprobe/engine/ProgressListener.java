package dev.starprobe.engine;

/** Receives scan events; called from engine threads, must be quick and thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> { };

    void on(ScanEvent event);
}
