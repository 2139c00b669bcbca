package dev.starprobe.plugins.identify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.spi.ServiceProbe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Data-driven probes (active-probes.yaml) for silent services the specialised probes did not
 * recognise: one connection per probe, in file order, until a fingerprint matches the reply.
 */
public final class ActiveProbe implements ServiceProbe {
    static final int MAX = 4096;

    record Request(String name, byte[] payload) {
    }

    private final List<Request> requests;
    private final FingerprintDb db;

    public ActiveProbe() {
        this(load(), FingerprintDb.builtIn());
    }

    ActiveProbe(List<Request> requests, FingerprintDb db) {
        this.requests = List.copyOf(requests);
        this.db = db;
    }

    @Override
    public String id() {
        return "active";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.protocol() == null && service.banner() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        return next(ctx, service, 0);
    }

    private CompletionStage<Optional<Service>> next(ProbeContext ctx, Service service, int i) {
        if (i >= requests.size()) return CompletableFuture.completedFuture(Optional.empty());
        Request r = requests.get(i);
        return ctx.net().tcp(service.port())
                .thenCompose(s -> s.write(r.payload()).thenCompose(v -> s.read(MAX, ctx.ioTimeout()))
                        .whenComplete((b, e) -> s.close()))
                .handle((reply, err) -> err == null ? reply : new byte[0])
                .thenCompose(reply -> {
                    // a server that speaks first but was slow to do so for the banner probe (a loaded
                    // device) still gives its banner here: banner rules apply to any reply
                    var id = reply.length == 0 ? Optional.<Fingerprint.Identification>empty()
                            : db.identify(r.name(), Printable.latin1(reply))
                                    .or(() -> db.identify("banner", Printable.latin1(reply)));
                    if (id.isPresent()) {
                        return CompletableFuture.completedFuture(Optional.of(service.identified(id.get().protocol(), false,
                                id.get().product(), id.get().version(), Printable.banner(reply),
                                Map.of("fingerprint", id.get().fingerprintId(), "probe", r.name()))));
                    }
                    return next(ctx, service, i + 1);
                });
    }

    static List<Request> load() {
        try (InputStream in = ActiveProbe.class.getResourceAsStream("/dev/starprobe/plugins/fingerprints/active-probes.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Request> out = new ArrayList<>();
            for (JsonNode n : root.path("probes")) {
                byte[] payload = n.has("payload") ? HexFormat.of().parseHex(n.get("payload").asText())
                        : n.path("text").asText().getBytes(StandardCharsets.ISO_8859_1);
                out.add(new Request(n.path("name").asText(), payload));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
