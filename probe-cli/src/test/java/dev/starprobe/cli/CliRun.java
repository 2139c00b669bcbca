package dev.starprobe.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/** Runs the CLI in-process and keeps what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(rc, out.toString(), err.toString());
    }

    /** With the scan command adjusted first (e.g. a capture factory that fails like an unprivileged machine). */
    static CliRun withScan(Consumer<ScanCommand> adjust, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        adjust.accept(cl.getSubcommands().get("scan").getCommand());
        int rc = cl.execute(args);
        return new CliRun(rc, out.toString(), err.toString());
    }
}
