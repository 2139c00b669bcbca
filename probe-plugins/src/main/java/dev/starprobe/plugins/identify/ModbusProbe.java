package dev.starprobe.plugins.identify;

import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.spi.ServiceProbe;
import dev.starprobe.spi.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Modbus/TCP identification over one connection with read-only requests: read device identification
 * (43/14, basic objects: vendor, product code, revision), then the SunSpec marker "SunS" at the base
 * addresses SunSpec allows (40000, 0, 50000) and, when found, common model 1 (manufacturer, model,
 * serial) and the chain of model ids. Tried first on the registered port 502 only: Modbus bytes sent
 * to an HTTP or Telnet server are garbage to it, so other ports are left to the text probes.
 */
public final class ModbusProbe implements ServiceProbe {
    static final int[] SUNSPEC_BASES = {40000, 0, 50000};
    static final int MAX_MODELS = 16;
    private static final int SUNS_HI = 0x5375;
    private static final int SUNS_LO = 0x6e53;

    @Override
    public String id() {
        return "modbus";
    }

    @Override
    public int order() {
        return 15;
    }

    @Override
    public boolean appliesTo(Service service) {
        return service.transport() == Transport.TCP && service.port() == 502 && service.protocol() == null
                && service.banner() == null;
    }

    @Override
    public CompletionStage<Optional<Service>> identify(ProbeContext ctx, Service service) {
        return ctx.net().tcp(service.port()).thenCompose(s -> CompletableFuture
                .supplyAsync(() -> run(new Exchange(s, ctx.ioTimeout()), service), ctx.blockingExecutor())
                .whenComplete((r, e) -> s.close()));
    }

    /** The whole conversation; blocking on the engine's bounded pool keeps the sequence readable. */
    Optional<Service> run(Exchange x, Service service) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Optional<byte[]> id = x.ask(ModbusFrames.readDeviceId(x.next()));
        if (id.isEmpty()) return Optional.empty(); // not Modbus (or silent): let the next probe try
        Map<Integer, String> objs = ModbusFrames.deviceIdObjects(id.get());
        put(attrs, "modbus.vendor", objs.get(0));
        put(attrs, "modbus.product", objs.get(1));
        put(attrs, "modbus.revision", objs.get(2));
        if (ModbusFrames.isException(id.get())) attrs.put("modbus.deviceId", "not supported");
        sunSpec(x, attrs);
        String product = attrs.getOrDefault("sunspec.model", attrs.get("modbus.product"));
        String vendor = attrs.getOrDefault("sunspec.manufacturer", attrs.get("modbus.vendor"));
        String name = vendor == null ? product : product == null ? vendor : vendor + " " + product;
        return Optional.of(service.identified("modbus", false, name, attrs.get("modbus.revision"), null, attrs));
    }

    private static void sunSpec(Exchange x, Map<String, String> attrs) {
        for (int base : SUNSPEC_BASES) {
            int[] head = x.holding(base, 4);
            if (head == null || head[0] != SUNS_HI || head[1] != SUNS_LO) continue;
            attrs.put("sunspec.base", String.valueOf(base));
            List<String> models = new ArrayList<>();
            int addr = base + 2;
            int id = head[2];
            int len = head[3];
            for (int m = 0; m < MAX_MODELS && id != 0xFFFF && len > 0; m++) {
                models.add(String.valueOf(id));
                if (id == 1 && len >= 64) {
                    int[] common = x.holding(addr + 2, 64);
                    put(attrs, "sunspec.manufacturer", ModbusFrames.registerString(common, 0, 16));
                    put(attrs, "sunspec.model", ModbusFrames.registerString(common, 16, 16));
                    put(attrs, "sunspec.version", ModbusFrames.registerString(common, 40, 8));
                    put(attrs, "sunspec.serial", ModbusFrames.registerString(common, 48, 16));
                }
                addr += 2 + len;
                int[] next = x.holding(addr, 2);
                if (next == null) break;
                id = next[0];
                len = next[1];
            }
            attrs.put("sunspec.models", String.join(",", models));
            return;
        }
    }

    private static void put(Map<String, String> attrs, String k, String v) {
        if (v != null && !v.isBlank()) attrs.put(k, v);
    }

    /** One request, one framed reply, on the probe's session; a bad or missing reply is empty. */
    static final class Exchange {
        private final Session s;
        private final Duration wait;
        private int transaction = 0x5350;

        Exchange(Session s, Duration wait) {
            this.s = s;
            this.wait = wait;
        }

        int next() {
            return ++transaction & 0xffff;
        }

        int[] holding(int address, int count) {
            return ask(ModbusFrames.readHolding(next(), address, count))
                    .map(p -> ModbusFrames.registers(p, count)).orElse(null);
        }

        Optional<byte[]> ask(byte[] request) {
            int tid = ((request[0] & 0xff) << 8) | (request[1] & 0xff);
            try {
                s.write(request).toCompletableFuture().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                byte[] buf = new byte[0];
                while (true) {
                    int need = ModbusFrames.frameLength(buf);
                    if (need > 0 && buf.length >= need) break;
                    if (buf.length >= 7 && need < 0) return Optional.empty();
                    int want = need > 0 ? need - buf.length : 7 - buf.length;
                    byte[] more = s.read(want, wait).toCompletableFuture()
                            .get(wait.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (more.length == 0) return Optional.empty();
                    byte[] joined = java.util.Arrays.copyOf(buf, buf.length + more.length);
                    System.arraycopy(more, 0, joined, buf.length, more.length);
                    buf = joined;
                    if (buf.length > ModbusFrames.MAX_FRAME) return Optional.empty();
                }
                return ModbusFrames.pdu(buf, tid);
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    }
}
