package dev.starprobe.cli;

import dev.starprobe.plugins.replay.ReplayInputs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads replay input files for a command; anything wrong with them is a usage error naming file and offset. */
final class ReplayInputsFiles {
    private ReplayInputsFiles() {
    }

    static ReplayInputs load(List<Path> captures, List<Path> templates) {
        try {
            return ReplayInputs.load(captures.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                    templates.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        } catch (IOException e) {
            throw new UserInputException("replay input: " + e.getMessage());
        }
    }
}
