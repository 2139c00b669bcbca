package dev.starprobe.cli;

import dev.starprobe.engine.PortSpec;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** One nmap variant as a benchmark contender; its time is nmap's own elapsed time from the XML. */
final class NmapScan implements Contender {
    private final Nmap nmap;
    private final Nmap.Variant variant;
    private final List<String> command;
    private final Duration timeout;

    NmapScan(Nmap nmap, Nmap.Variant variant, PortSpec ports, InetAddress host, Duration timeout) {
        this.nmap = nmap;
        this.variant = variant;
        this.command = nmap.command(variant, ports, host);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return variant.name();
    }

    String describe() {
        return variant.label() + ": " + String.join(" ", command);
    }

    @Override
    public Trial run() throws Nmap.RunException, InterruptedException {
        Nmap.Run run = nmap.run(command, timeout);
        NmapXml.Report rep = run.report();
        String detail = String.format(Locale.ROOT, "process %.2f s", run.wallSeconds())
                + (rep.notShown().isEmpty() ? "" : ", not shown: " + String.join(", ", rep.notShown()));
        return new Trial(rep.elapsed(), rep.open(), detail, null);
    }
}
