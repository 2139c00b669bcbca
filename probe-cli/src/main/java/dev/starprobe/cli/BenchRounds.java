package dev.starprobe.cli;

import picocli.CommandLine.Option;

/** How many measured rounds a benchmark runs; every benchmark runs one warm-up round before them. */
final class BenchRounds {
    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds after one warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    int validated() {
        if (rounds < 1 || rounds > 100) throw new UserInputException("--rounds must be between 1 and 100");
        return rounds;
    }
}
