package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.modbus.ModbusExchange;
import dev.starprobe.plugins.modbus.ModbusFrames;
import dev.starprobe.plugins.modbus.SunSpecChain;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.Session;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Does a Modbus/TCP device accept register writes from anyone? (Modbus itself has no authentication.)
 * Registers from {@code modbus-write-targets.txt}: each is read (03), then written back with the value
 * just read (06; 16 when 06 is an illegal function), then read again. A normal echo proves the write
 * was accepted; an exception (01 illegal function, 02 illegal address, 03 illegal value, 04 device
 * failure) is a refusal. Should the value read back differ, the original is written again and re-read,
 * and the finding says so. A register that cannot be read is never written.
 */
final class ModbusWrites {
    static final int MAX_WRITES = 2;
    private static final int SUNSPEC_DEFAULT_BASE = 40000;
    private static final int MAX_MODELS = 16;
    private static final List<Target> TARGETS = load();

    /** A register to try: SunSpec (model, offset) resolved on the device, or a plain address. */
    record Target(String kind, int model, int offset, int address, String label) {
    }

    private ModbusWrites() {
    }

    /** Verdict and reason of the write test on {@code svc}. */
    static UnauthenticatedAccessCheck.Result test(CheckContext ctx, Service svc) throws IOException {
        Duration io = ctx.options().ioTimeout();
        Session s;
        try {
            s = ctx.net().tcp(svc.port()).toCompletableFuture().get(io.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IOException("cannot connect to Modbus/TCP on " + svc.port() + ": " + e.getMessage(), e);
        }
        try {
            ModbusExchange x = new ModbusExchange(s, io);
            List<String> accepted = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            int written = 0;
            boolean unclear = false;
            for (Target t : TARGETS) {
                // one accepted write proves it, and after an unclear answer the device is left alone
                if (written >= MAX_WRITES || !accepted.isEmpty() || unclear) break;
                Optional<Integer> address = resolve(x, svc, t);
                if (address.isEmpty()) continue;
                String name = t.label() + " (holding register " + address.get() + ")";
                int[] before = x.holding(address.get(), 1);
                if (before == null) {
                    notes.add(name + " not readable, so not written");
                    continue;
                }
                written++;
                unclear = !writeBack(x, name, address.get(), before[0], accepted, refused, notes);
            }
            String where = "Modbus/TCP on port " + svc.port();
            String open = "Modbus/TCP has no authentication of its own: registers are readable by anyone";
            if (!accepted.isEmpty()) {
                return new UnauthenticatedAccessCheck.Result(Verdict.FAIL, where + ": a write from an unauthenticated client was"
                        + " accepted: " + String.join("; ", accepted) + join("; refused: ", refused) + join("; ", notes));
            }
            if (!refused.isEmpty()) {
                return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": " + open + "; writes were refused: "
                        + String.join("; ", refused) + join("; ", notes) + ". Only " + refused.size()
                        + " register(s) were tried, so other registers may still accept writes");
            }
            return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": no write could be judged"
                    + (notes.isEmpty() ? ": none of the listed registers exists on this device" : ": " + String.join("; ", notes)));
        } finally {
            s.close();
        }
    }

    /** Writes {@code value} back to {@code address}; false when the answer was unclear (none, or not Modbus). */
    private static boolean writeBack(ModbusExchange x, String name, int address, int value, List<String> accepted,
                                     List<String> refused, List<String> notes) {
        int function = 0x06;
        Optional<byte[]> reply = x.ask(ModbusFrames.writeSingle(x.next(), address, value));
        if (reply.isPresent() && ModbusFrames.exceptionCode(reply.get()) == 1) {
            function = 0x10;
            reply = x.ask(ModbusFrames.writeMultiple(x.next(), address, value));
        }
        String fc = function == 0x06 ? "function 06" : "function 16 (06 is an illegal function there)";
        if (reply.isEmpty()) {
            notes.add(name + ": no proper reply to a " + fc + " write of its own value " + value
                    + afterwards(x, address, value, function));
            return false;
        }
        int code = ModbusFrames.exceptionCode(reply.get());
        if (code >= 0) {
            refused.add(name + " with exception " + String.format("%02d", code) + " (" + exceptionName(code) + ") to " + fc);
            return true;
        }
        if (!ModbusFrames.writeEchoed(reply.get(), function, address, value)) {
            notes.add(name + ": the reply to a " + fc + " write is not its echo" + afterwards(x, address, value, function));
            return false;
        }
        accepted.add(name + " took a " + fc + " write of its current value " + value + afterwards(x, address, value, function));
        return true;
    }

    /** Re-reads the register, restoring {@code original} when it changed; the account for the report. */
    private static String afterwards(ModbusExchange x, int address, int original, int function) {
        int[] after = x.holding(address, 1);
        if (after == null) return "; the re-read got no answer, so the register's state afterwards is unknown";
        if (after[0] == original) return "; re-read " + after[0] + ": unchanged, nothing to restore";
        x.ask(function == 0x06 ? ModbusFrames.writeSingle(x.next(), address, original)
                : ModbusFrames.writeMultiple(x.next(), address, original));
        int[] restored = x.holding(address, 1);
        return "; re-read " + after[0] + " (changed), original " + original + " written back, now "
                + (restored == null ? "unknown (no answer)" : restored[0] + (restored[0] == original ? " (restored)" : " (NOT restored)"));
    }

    private static Optional<Integer> resolve(ModbusExchange x, Service svc, Target t) {
        if (t.kind().equals("holding")) return Optional.of(t.address());
        String base = svc.attributes().get("sunspec.base");
        String models = svc.attributes().get("sunspec.models");
        if (models != null && !List.of(models.split(",")).contains(String.valueOf(t.model()))) return Optional.empty();
        int b = base != null && base.matches("\\d{1,5}") ? Integer.parseInt(base) : SUNSPEC_DEFAULT_BASE;
        List<SunSpecChain.Model> chain = SunSpecChain.walk(x, b, MAX_MODELS);
        if (chain == null) return Optional.empty();
        return chain.stream().filter(m -> m.id() == t.model() && t.offset() < m.length()).findFirst()
                .map(m -> m.firstPoint() + t.offset());
    }

    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 6 -> "server device busy";
            default -> "exception";
        };
    }

    private static String join(String prefix, List<String> xs) {
        return xs.isEmpty() ? "" : prefix + String.join("; ", xs);
    }

    private static List<Target> load() {
        String resource = "/dev/starprobe/plugins/auth/modbus-write-targets.txt";
        List<Target> out = new ArrayList<>();
        for (String l : DataLines.of(resource)) {
            String[] f = l.split("\\s+", 4);
            switch (f[0]) {
                case "sunspec" -> out.add(new Target("sunspec", Integer.parseInt(f[1]), Integer.parseInt(f[2]), -1,
                        "SunSpec model " + f[1] + " " + (f.length > 3 ? f[3] : "point " + f[2])));
                case "holding" -> out.add(new Target("holding", -1, -1, Integer.parseInt(f[1]),
                        f.length > 2 ? l.split("\\s+", 3)[2] : "holding register"));
                default -> throw new IllegalStateException(resource + ": unknown kind '" + f[0] + "'");
            }
        }
        return List.copyOf(out);
    }
}
