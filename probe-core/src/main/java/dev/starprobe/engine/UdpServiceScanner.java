package dev.starprobe.engine;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.spi.DatagramSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds UDP services by asking each port a question in its own protocol: UDP has no handshake, so
 * only a port that answers is reported (silence is open|filtered and says nothing). Each probe is
 * sent twice at most, because the first datagram to a sleeping embedded stack is often lost.
 */
public final class UdpServiceScanner {
    static final int ATTEMPTS = 2;
    static final int BANNER_BYTES = 64;

    private final UdpProbes probes;

    public UdpServiceScanner(UdpProbes probes) {
        this.probes = probes;
    }

    public CompletionStage<List<Service>> scan(DeviceNetwork net, List<Integer> ports, Duration wait) {
        List<CompletableFuture<Optional<Service>>> all = new ArrayList<>();
        for (int port : ports) {
            List<UdpProbes.Probe> forPort = probes.forPort(port);
            if (forPort.isEmpty()) continue;
            all.add(tryProbes(net, port, forPort, 0, wait).toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> all.stream()
                .map(CompletableFuture::join).flatMap(Optional::stream)
                .sorted(Comparator.comparingInt(Service::port)).toList());
    }

    private CompletionStage<Optional<Service>> tryProbes(DeviceNetwork net, int port, List<UdpProbes.Probe> list,
                                                         int index, Duration wait) {
        if (index >= list.size()) return CompletableFuture.completedFuture(Optional.empty());
        UdpProbes.Probe probe = list.get(index);
        return net.udp(port).thenCompose(s -> ask(s, probe, ATTEMPTS, wait).whenComplete((r, e) -> s.close()))
                .handle((reply, err) -> err == null ? reply : Optional.<byte[]>empty())
                .thenCompose(reply -> reply.isPresent()
                        ? CompletableFuture.completedFuture(Optional.of(service(port, probe, reply.get())))
                        : tryProbes(net, port, list, index + 1, wait));
    }

    private static CompletionStage<Optional<byte[]>> ask(DatagramSession s, UdpProbes.Probe probe, int attempts, Duration wait) {
        return s.send(probe.payload()).thenCompose(v -> s.receive(wait))
                .thenApply(reply -> probe.accepts(reply) ? Optional.of(reply) : Optional.<byte[]>empty())
                .exceptionallyCompose(e -> attempts > 1 && isTimeout(e)
                        ? ask(s, probe, attempts - 1, wait)
                        : CompletableFuture.completedFuture(Optional.empty()));
    }

    private static boolean isTimeout(Throwable e) {
        return dev.starprobe.net.Failures.classify(e) == dev.starprobe.model.NetworkFailure.IO_TIMEOUT;
    }

    private static Service service(int port, UdpProbes.Probe probe, byte[] reply) {
        byte[] head = java.util.Arrays.copyOf(reply, Math.min(reply.length, BANNER_BYTES));
        return new Service(Transport.UDP, port, probe.protocol(), probe.protocol().equals("dtls"), null, null,
                dev.starprobe.evidence.TranscriptFormat.escape(head), Map.of("udp.probe", probe.name(),
                "udp.replyBytes", String.valueOf(reply.length)));
    }
}
