package dev.starprobe.cli;

import dev.starprobe.plugins.replay.ReplayInputs;
import dev.starprobe.plugins.replay.ReplayRequest;
import dev.starprobe.plugins.replay.capture.Capture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, description = "Work with companion-app captures for replay testing.",
        subcommands = {ReplayCommand.ListRequests.class})
final class ReplayCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the application requests of a capture (pcap or pcapng), as the replay checks see them.")
    static final class ListRequests implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CAPTURE", description = "pcap or pcapng file of the companion app controlling the device.")
        Path capture;

        @CommandLine.Option(names = "--template", description = "Request template (YAML) whose requests are listed too.")
        Path template;

        @Override
        public Integer call() {
            ReplayInputs in = ReplayInputsFiles.load(List.of(capture), template == null ? List.of() : List.of(template));
            PrintWriter out = spec.commandLine().getOut();
            for (Capture c : in.captures()) {
                out.printf("%s: %s, %d frames (%d TCP/UDP), %d TCP connections, %d UDP datagrams, sha256 %s%n", c.file(),
                        c.layout().format().name().toLowerCase(), c.frames(), c.decoded(), c.conversations().size(),
                        c.datagrams().size(), c.sha256());
                c.warnings().forEach(w -> out.println("warning: " + w));
            }
            out.printf("%-5s %-24s %-6s %-22s %-9s %s%n", "ID", "TIME", "PROTO", "SERVER", "FRAMES", "REQUEST");
            for (ReplayRequest r : in.requests()) {
                String time = r.micros() == 0 ? "-" : Instant.ofEpochSecond(0, r.micros() * 1000).toString();
                String frames = r.frames().isEmpty() ? "-" : r.frames().size() == 1 ? r.frames().get(0).toString()
                        : r.frames().get(0) + "-" + r.frames().get(r.frames().size() - 1);
                out.printf("%-5s %-24s %-6s %-22s %-9s %s%s%n", r.id(), time, r.proto().label() + (r.encrypted() || r.secure() ? "*" : ""),
                        r.where(), frames, r.summary(), r.encrypted() ? "" : "");
            }
            out.printf("%d requests (* = TLS/DTLS)%n", in.requests().size());
            return Main.OK;
        }
    }
}
