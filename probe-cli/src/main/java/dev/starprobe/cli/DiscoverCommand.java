package dev.starprobe.cli;

import dev.starprobe.Probe;
import dev.starprobe.engine.DiscoveryRequest;
import dev.starprobe.model.Device;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Inventory;
import dev.starprobe.report.JsonReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code starprobe discover}: what is on this network, with what each method learned. */
@Command(name = "discover", description = "Find the devices of a test LAN (ARP, SSDP/UPnP, mDNS, WS-Discovery, CoAP, SNMP) and print the inventory.")
final class DiscoverCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DiscoveryOptions discovery;

    @Option(names = "--cidr", split = ",", paramLabel = "CIDR", description = "Networks to sweep (default: the subnet of --interface).")
    List<String> cidrs = List.of();

    @Option(names = "--scope", split = ",", description = "CIDRs the probe may contact (default: exactly the swept networks).")
    List<String> scope = List.of();

    @Option(names = "--allow-public", description = "Allow publicly routable addresses (refused by default).")
    boolean allowPublic;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the inventory as JSON to FILE ('-' for standard output instead of the table).")
    String json;

    @Option(names = "--plugins", description = "Folder of plugin jars (default: ${DEFAULT-VALUE}).", defaultValue = "plugins")
    Path plugins;

    @Mixin
    NetOptions net;

    @Override
    public Integer call() {
        var req = new DiscoveryRequest(cidrs, scope, allowPublic, discovery.plan(), net.settings());
        Inventory inv = Probe.load(plugins).discover(req);
        PrintWriter out = spec.commandLine().getOut();
        if ("-".equals(json)) {
            out.println(JsonReport.mapper().valueToTree(inv).toPrettyString());
        } else {
            print(inv, out);
            if (json != null) write(inv, Path.of(json), out);
        }
        boolean anyCompleted = inv.methods().stream().anyMatch(m -> m.status() == ExecutionStatus.COMPLETED);
        return anyCompleted ? Main.OK : Main.FAILED;
    }

    private static void write(Inventory inv, Path file, PrintWriter out) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, JsonReport.mapper().writeValueAsString(inv));
            out.println("inventory: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void print(Inventory inv, PrintWriter out) {
        out.printf("%d device(s) on %s%s%n", inv.devices().size(), String.join(", ", inv.cidrs()),
                inv.interfaceName() == null ? "" : " via " + inv.interfaceName());
        for (Device d : inv.devices()) {
            out.printf("%n%-15s  %s%s%n", d.address().getHostAddress(), d.mac() == null ? "-" : d.mac(),
                    d.names().isEmpty() ? "" : "  " + String.join(", ", d.names()));
            for (Map.Entry<String, String> h : new java.util.TreeMap<>(d.hints()).entrySet()) {
                out.printf("    %-24s %s%n", h.getKey(), h.getValue());
            }
        }
        out.println();
        for (Inventory.MethodRun m : inv.methods()) {
            out.printf("%-5s %-10s %3d device(s) %6d ms%s%n", m.method(), m.status(), m.devices(), m.millis(),
                    m.message() == null ? "" : "  " + m.message());
        }
        if (!inv.scopeRefusals().isEmpty()) {
            out.println("scope guard refused " + inv.scopeRefusals().size() + " packet(s): "
                    + inv.scopeRefusals().stream().limit(3).map(r -> r.address() + " (" + r.reason() + ")").collect(Collectors.joining("; ")));
        }
    }
}
