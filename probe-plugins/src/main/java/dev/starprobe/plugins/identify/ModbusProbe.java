package dev.starprobe.plugins.identify;

import dev.starprobe.plugins.modbus.ModbusExchange;
import dev.starprobe.plugins.modbus.ModbusFrames;
import dev.starprobe.plugins.modbus.SunSpecChain;

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
                .supplyAsync(() -> run(new ModbusExchange(s, ctx.ioTimeout()), service), ctx.blockingExecutor())
                .whenComplete((r, e) -> s.close()));
    }

    /** The whole conversation; blocking on the engine's bounded pool keeps the sequence readable. */
    Optional<Service> run(ModbusExchange x, Service service) {
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

    private static void sunSpec(ModbusExchange x, Map<String, String> attrs) {
        for (int base : SUNSPEC_BASES) {
            List<SunSpecChain.Model> chain = SunSpecChain.walk(x, base, MAX_MODELS);
            if (chain == null) continue;
            attrs.put("sunspec.base", String.valueOf(base));
            List<String> models = new ArrayList<>();
            for (SunSpecChain.Model m : chain) {
                models.add(String.valueOf(m.id()));
                if (m.id() == 1 && m.length() >= 64) {
                    int[] common = x.holding(m.firstPoint(), 64);
                    put(attrs, "sunspec.manufacturer", ModbusFrames.registerString(common, 0, 16));
                    put(attrs, "sunspec.model", ModbusFrames.registerString(common, 16, 16));
                    put(attrs, "sunspec.version", ModbusFrames.registerString(common, 40, 8));
                    put(attrs, "sunspec.serial", ModbusFrames.registerString(common, 48, 16));
                }
            }
            attrs.put("sunspec.models", String.join(",", models));
            return;
        }
    }

    private static void put(Map<String, String> attrs, String k, String v) {
        if (v != null && !v.isBlank()) attrs.put(k, v);
    }
}
