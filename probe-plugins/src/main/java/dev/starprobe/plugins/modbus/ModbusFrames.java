package dev.starprobe.plugins.modbus;

import dev.starprobe.plugins.identify.Printable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Modbus/TCP framing: the read-only requests identification needs (43/14 read device identification,
 * 03 read holding registers) and the single-register writes (06, 16) of the unauthenticated-write test.
 * Parsers take device bytes as hostile: every length is checked, and anything inconsistent is "no
 * answer" rather than an exception.
 */
public final class ModbusFrames {
    public static final int UNIT = 1;
    public static final int MAX_FRAME = 7 + 253;

    private ModbusFrames() {
    }

    public static byte[] readDeviceId(int transaction) {
        return mbap(transaction, new byte[]{0x2B, 0x0E, 0x01, 0x00});
    }

    public static byte[] readHolding(int transaction, int address, int count) {
        return mbap(transaction, new byte[]{0x03, (byte) (address >> 8), (byte) address, (byte) (count >> 8), (byte) count});
    }

    /** Function 06: write {@code value} to one holding register. */
    public static byte[] writeSingle(int transaction, int address, int value) {
        return mbap(transaction, new byte[]{0x06, (byte) (address >> 8), (byte) address, (byte) (value >> 8), (byte) value});
    }

    /** Function 16: write {@code value} to one holding register as a one-register block. */
    public static byte[] writeMultiple(int transaction, int address, int value) {
        return mbap(transaction, new byte[]{0x10, (byte) (address >> 8), (byte) address, 0, 1, 2, (byte) (value >> 8), (byte) value});
    }

    /** The exception code of an exception reply, or -1 for a normal reply. */
    public static int exceptionCode(byte[] pdu) {
        return isException(pdu) ? pdu[1] & 0xff : -1;
    }

    /** True when {@code pdu} is the normal echo of a 06/16 write of {@code value} (16: one register) at {@code address}. */
    public static boolean writeEchoed(byte[] pdu, int function, int address, int value) {
        if (pdu.length < 5 || (pdu[0] & 0xff) != function) return false;
        int addr = ((pdu[1] & 0xff) << 8) | (pdu[2] & 0xff);
        int last = ((pdu[3] & 0xff) << 8) | (pdu[4] & 0xff);
        return addr == address && last == (function == 0x06 ? value : 1);
    }

    private static byte[] mbap(int transaction, byte[] pdu) {
        byte[] f = new byte[7 + pdu.length];
        f[0] = (byte) (transaction >> 8);
        f[1] = (byte) transaction;
        f[4] = (byte) ((pdu.length + 1) >> 8);
        f[5] = (byte) (pdu.length + 1);
        f[6] = (byte) UNIT;
        System.arraycopy(pdu, 0, f, 7, pdu.length);
        return f;
    }

    /** Total frame length once the MBAP header is in, or -1 while it is not (or is not Modbus). */
    public static int frameLength(byte[] b) {
        if (b.length < 7 || b[2] != 0 || b[3] != 0) return -1;
        int len = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        return len < 2 || len > 254 ? -1 : 6 + len;
    }

    /** The PDU of a well-formed reply to {@code transaction}, empty otherwise. */
    public static Optional<byte[]> pdu(byte[] frame, int transaction) {
        int n = frameLength(frame);
        if (n < 0 || frame.length < n) return Optional.empty();
        int tid = ((frame[0] & 0xff) << 8) | (frame[1] & 0xff);
        if (tid != (transaction & 0xffff)) return Optional.empty();
        return Optional.of(java.util.Arrays.copyOfRange(frame, 7, n));
    }

    /** True when the PDU is a Modbus exception reply (function code with the high bit set). */
    public static boolean isException(byte[] pdu) {
        return pdu.length >= 2 && (pdu[0] & 0x80) != 0;
    }

    /** Basic device identification objects 0..2 (vendor, product code, revision) from a 43/14 reply. */
    public static Map<Integer, String> deviceIdObjects(byte[] pdu) {
        Map<Integer, String> out = new LinkedHashMap<>();
        if (pdu.length < 7 || pdu[0] != 0x2B || pdu[1] != 0x0E) return out;
        int count = pdu[6] & 0xff;
        int i = 7;
        for (int k = 0; k < count && i + 2 <= pdu.length; k++) {
            int id = pdu[i] & 0xff;
            int len = pdu[i + 1] & 0xff;
            if (i + 2 + len > pdu.length) break;
            out.put(id, Printable.banner(java.util.Arrays.copyOfRange(pdu, i + 2, i + 2 + len)).trim());
            i += 2 + len;
        }
        return out;
    }

    /** Register values of a function-03 reply, or null when the reply is not one. */
    public static int[] registers(byte[] pdu, int expected) {
        if (pdu.length < 2 || pdu[0] != 0x03) return null;
        int bytes = pdu[1] & 0xff;
        if (bytes != expected * 2 || pdu.length < 2 + bytes) return null;
        int[] r = new int[expected];
        for (int k = 0; k < expected; k++) r[k] = ((pdu[2 + 2 * k] & 0xff) << 8) | (pdu[3 + 2 * k] & 0xff);
        return r;
    }

    /** SunSpec strings are registers of two ASCII bytes, NUL padded. */
    public static String registerString(int[] regs, int from, int count) {
        if (regs == null || from + count > regs.length) return null;
        byte[] b = new byte[count * 2];
        for (int k = 0; k < count; k++) {
            b[2 * k] = (byte) (regs[from + k] >> 8);
            b[2 * k + 1] = (byte) regs[from + k];
        }
        int end = 0;
        while (end < b.length && b[end] != 0) end++;
        String s = Printable.banner(java.util.Arrays.copyOf(b, end)).trim();
        return s.isEmpty() ? null : s;
    }

}
