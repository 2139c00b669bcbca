package dev.starprobe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Entry point of the runnable jar. Exit codes: 0 no FAIL, 1 a FAIL, 2 bad usage or input, 3 internal error. */
@Command(name = "starprobe", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Pre-tests IoT devices against the network-testable parts of JC-STAR / ETSI EN 303 645.",
        subcommands = {ScanCommand.class, DiscoverCommand.class, DemoCommand.class, ChecksCommand.class, VersionCommand.class,
                BenchCommand.class, ReportCommand.class, DiffCommand.class, MergeCommand.class, VerifyCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line without exiting the JVM (tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof UserInputException) {
                cmd.getErr().println("starprobe: " + ex.getMessage());
                return USAGE;
            }
            cmd.getErr().println("starprobe: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return INTERNAL;
        });
        return cl.execute(args);
    }
}
