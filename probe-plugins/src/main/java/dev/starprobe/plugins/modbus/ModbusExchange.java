package dev.starprobe.plugins.modbus;

import dev.starprobe.spi.Session;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Modbus/TCP request and its framed reply at a time, on an engine session; a bad, late or missing
 * reply is empty (never an exception), and a frame longer than Modbus allows ends the read.
 */
public final class ModbusExchange {
    private final Session s;
    private final Duration wait;
    private int transaction = 0x5350;

    public ModbusExchange(Session s, Duration wait) {
        this.s = s;
        this.wait = wait;
    }

    public int next() {
        return ++transaction & 0xffff;
    }

    /** Holding registers {@code address .. address+count-1} (function 03), or null without a proper reply. */
    public int[] holding(int address, int count) {
        return ask(ModbusFrames.readHolding(next(), address, count))
                .map(p -> ModbusFrames.registers(p, count)).orElse(null);
    }

    public Optional<byte[]> ask(byte[] request) {
        int tid = ((request[0] & 0xff) << 8) | (request[1] & 0xff);
        try {
            s.write(request).toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            byte[] buf = new byte[0];
            while (true) {
                int need = ModbusFrames.frameLength(buf);
                if (need > 0 && buf.length >= need) break;
                if (buf.length >= 7 && need < 0) return Optional.empty();
                int want = need > 0 ? need - buf.length : 7 - buf.length;
                byte[] more = s.read(want, wait).toCompletableFuture().get(wait.toMillis() + 500, TimeUnit.MILLISECONDS);
                if (more.length == 0) return Optional.empty();
                byte[] joined = Arrays.copyOf(buf, buf.length + more.length);
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
