package dev.starprobe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code starprobe bench}: benchmark commands that print figures (docs/benchmarks.md). Each runs
 * the product's real code path and prints per-round times after a warm-up plus a median summary.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: 'portscan' (TCP connect-scan rate, optionally against nmap), 'arp' (ARP sweep time of a /24).",
        subcommands = {BenchPortscanCommand.class, BenchArpCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: portscan or arp");
    }
}
