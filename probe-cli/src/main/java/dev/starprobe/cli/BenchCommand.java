package dev.starprobe.cli;

import dev.starprobe.engine.PortScanner;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.net.Cidr;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.net.NetSettings;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.net.ScopeGuard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Measures the connect-scan rate against a loopback host we create ourselves (a dedicated
 * 127.x address with a few listeners), so the figure is reproducible and no other host is touched.
 */
@Command(name = "bench", description = "Benchmarks: 'portscan' measures the TCP connect-scan rate on loopback.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "portscan")
    String what;

    @Option(names = "--ports", defaultValue = "all", description = "Ports to scan (default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = "--address", defaultValue = "127.88.0.1", description = "Loopback address to scan (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--listeners", defaultValue = "16", description = "Open ports to create (default: ${DEFAULT-VALUE}).")
    int listeners;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds after one warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--no-epoll", description = "Use NIO even where epoll is available.")
    boolean noEpoll;

    @Mixin
    NetOptions net;

    @Override
    public Integer call() throws Exception {
        if (!"portscan".equals(what)) throw new UserInputException("unknown benchmark '" + what + "' (portscan)");
        InetAddress host = InetAddress.getByName(address);
        if (!host.isLoopbackAddress()) throw new UserInputException("bench only scans loopback addresses");
        PortSpec portSpec = PortSpec.parse(ports);
        NetSettings settings = net.settings();
        if (noEpoll) {
            settings = new NetSettings(settings.maxInFlightPerDevice(), settings.perSecondPerDevice(), settings.minGapNanos(),
                    settings.globalMaxInFlight(), settings.globalPerSecond(), settings.connectTimeout(), settings.ioTimeout(),
                    settings.readBufferCap(), settings.transcriptCap(), settings.eventLoopThreads(), settings.blockingThreads(), false);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ServerSocket> open = new ArrayList<>();
        try (NetworkRuntime rt = new NetworkRuntime(settings, new ScopeGuard(List.of(Cidr.parse(address)), false))) {
            for (int i = 0; i < listeners; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(host, 0), 512);
                open.add(s);
            }
            List<Integer> mine = open.stream().map(ServerSocket::getLocalPort).filter(portSpec::contains).toList();
            long expected = mine.size();
            out.printf("portscan %s, %d ports, %d listeners, transport %s, per-device max %d in flight at %s/s, global max %d%n",
                    address, portSpec.size(), listeners, rt.usesEpoll() ? "epoll" : "nio", settings.maxInFlightPerDevice(),
                    settings.perSecondPerDevice() <= 0 ? "unlimited" : String.valueOf(settings.perSecondPerDevice()),
                    settings.globalMaxInFlight());
            for (int round = 0; round <= rounds; round++) {
                DeviceNetwork dn = rt.forDevice(host, "bench");
                PortScanner.Result r = new PortScanner().scan(dn, portSpec, settings.maxInFlightPerDevice() * 2, null)
                        .toCompletableFuture().get();
                double secs = r.elapsedNanos() / 1e9;
                // services of this machine bound to the wildcard address answer on our address too
                long others = r.open().stream().filter(p -> !mine.contains(p)).count();
                out.printf("%s: %.3f s, %.0f ports/s, open %d of our %d listeners (+%d wildcard services), closed %d,"
                                + " filtered %d, errors %d%n", round == 0 ? "warm-up" : "round " + round, secs,
                        portSpec.size() / secs, r.open().size() - others, expected, others, r.closed(), r.filtered(), r.errors());
                if (!r.open().containsAll(mine)) {
                    out.println("MISMATCH: the scan missed some of the listeners");
                    return Main.FAILED;
                }
            }
        } finally {
            for (ServerSocket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // benchmark teardown
                }
            }
        }
        return Main.OK;
    }
}
