package dev.starprobe.lab.proto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lays out a SunSpec register map from a resource file: "SunS" at 40000, then models, each "model ID L"
 * followed by exactly L registers of fields ("str N text" packs ASCII two characters per register, padded
 * with NUL; "u16 V", "s16 V"), then "end" (0xFFFF, 0). {@code ${name}} placeholders are substituted.
 */
public final class SunSpecMap {
    public static final int BASE = 40000;

    private SunSpecMap() {}

    public static RegisterMap load(String resource, Map<String, String> vars) {
        try (InputStream in = SunSpecMap.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no resource " + resource);
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), vars, resource);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegisterMap parse(BufferedReader r, Map<String, String> vars, String name) throws IOException {
        RegisterMap map = new RegisterMap();
        map.set(BASE, 0x5375).set(BASE + 1, 0x6e53); // "SunS"
        int addr = BASE + 2;
        int modelStart = -1;
        int modelLength = 0;
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (l.isEmpty()) continue;
            for (Map.Entry<String, String> v : vars.entrySet()) l = l.replace("${" + v.getKey() + "}", v.getValue());
            String[] f = l.split("\\s+", 3);
            switch (f[0]) {
                case "model" -> {
                    check(modelStart, modelLength, addr, name, lineNo);
                    map.set(addr, Integer.parseInt(f[1])).set(addr + 1, Integer.parseInt(f[2]));
                    addr += 2;
                    modelStart = addr;
                    modelLength = Integer.parseInt(f[2]);
                }
                case "str" -> {
                    int regs = Integer.parseInt(f[1]);
                    byte[] text = (f.length > 2 ? f[2] : "").getBytes(StandardCharsets.US_ASCII);
                    if (text.length > regs * 2) throw new IllegalArgumentException(name + ":" + lineNo + ": string too long");
                    for (int i = 0; i < regs; i++) {
                        int hi = 2 * i < text.length ? text[2 * i] & 0xff : 0;
                        int lo = 2 * i + 1 < text.length ? text[2 * i + 1] & 0xff : 0;
                        map.set(addr++, hi << 8 | lo);
                    }
                }
                case "u16", "s16" -> map.set(addr++, Integer.decode(f[1]));
                case "end" -> {
                    check(modelStart, modelLength, addr, name, lineNo);
                    modelStart = -1;
                    map.set(addr, 0xFFFF).set(addr + 1, 0);
                    addr += 2;
                }
                default -> throw new IllegalArgumentException(name + ":" + lineNo + ": unknown field " + f[0]);
            }
        }
        return map;
    }

    private static void check(int start, int length, int addr, String name, int lineNo) {
        if (start >= 0 && addr - start != length) {
            throw new IllegalArgumentException(name + ":" + lineNo + ": model declared L=" + length + " but has " + (addr - start) + " registers");
        }
    }
}
