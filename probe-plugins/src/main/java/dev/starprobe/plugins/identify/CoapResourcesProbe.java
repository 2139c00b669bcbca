package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.spi.ServiceProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads a CoAP service's resource directory (GET /.well-known/core, RFC 6690) into the attribute
 * coap.resources ("/relay,/lock"): what a constrained device offers says what it is. One datagram,
 * a read; the reply is parsed defensively (options walked with bounds, payload capped).
 */
public final class CoapResourcesProbe implements ServiceProbe {
    static final int MAX_PATHS = 24;
    static final Duration WAIT = Duration.ofMillis(800);

    @Override
    public String id() {
        return "coap-resources";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.UDP && "coap".equals(service.protocol())
                && !service.attributes().containsKey("coap.resources");
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        int mid = ThreadLocalRandom.current().nextInt(0x10000);
        return ctx.net().udp(service.port()).thenCompose(s -> s.send(request(mid))
                .thenCompose(v -> s.receive(WAIT))
                .whenComplete((r, e) -> s.close()))
                .thenApply(reply -> payload(reply, mid).map(p -> {
                    List<String> paths = linkPaths(p);
                    if (paths.isEmpty()) return null;
                    Map<String, String> attrs = new LinkedHashMap<>(service.attributes());
                    attrs.put("coap.resources", String.join(",", paths));
                    return service.identified(service.protocol(), service.tls(), service.product(), service.version(),
                            service.banner(), attrs);
                }));
    }

    /** Confirmable GET /.well-known/core, no token. */
    static byte[] request(int mid) {
        byte[] head = {0x40, 0x01, (byte) (mid >> 8), (byte) mid};
        byte[] opts = HexBytes.of("bb2e77656c6c2d6b6e6f776e04636f7265"); // Uri-Path ".well-known", "core"
        byte[] out = java.util.Arrays.copyOf(head, head.length + opts.length);
        System.arraycopy(opts, 0, out, head.length, opts.length);
        return out;
    }

    /** The payload of a 2.05 Content reply to {@code mid}, empty for anything else or malformed. */
    static Optional<String> payload(byte[] b, int mid) {
        if (b == null || b.length < 4 || (b[0] & 0xC0) != 0x40) return Optional.empty();
        int tkl = b[0] & 0x0F;
        if (tkl > 8 || (b[1] & 0xff) != 0x45) return Optional.empty();
        if ((((b[2] & 0xff) << 8) | (b[3] & 0xff)) != (mid & 0xffff) && ((b[0] & 0x30) >> 4) == 2) return Optional.empty();
        int i = 4 + tkl;
        while (i < b.length) {
            int x = b[i] & 0xff;
            if (x == 0xFF) {
                int n = Math.min(b.length - i - 1, 4096);
                return Optional.of(Printable.latin1(java.util.Arrays.copyOfRange(b, i + 1, i + 1 + n)));
            }
            int delta = x >> 4;
            int len = x & 0x0F;
            if (delta == 15 || len == 15) return Optional.empty();
            i++;
            i += delta == 13 ? 1 : delta == 14 ? 2 : 0;
            if (len == 13) {
                if (i >= b.length) return Optional.empty();
                len = 13 + (b[i] & 0xff);
                i++;
            } else if (len == 14) {
                if (i + 1 >= b.length) return Optional.empty();
                len = 269 + (((b[i] & 0xff) << 8) | (b[i + 1] & 0xff));
                i += 2;
            }
            i += len;
        }
        return Optional.empty();
    }

    /** Resource paths of a link-format document ("</relay>;rt=..,</lock>"), capped and escaped. */
    static List<String> linkPaths(String linkFormat) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(/[^>]{0,64})>").matcher(linkFormat);
        while (m.find() && out.size() < MAX_PATHS) {
            String p = Printable.banner(m.group(1).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!p.startsWith("/.well-known") && !out.contains(p)) out.add(p);
        }
        return out;
    }

    private static final class HexBytes {
        static byte[] of(String hex) {
            return java.util.HexFormat.of().parseHex(hex);
        }
    }
}
