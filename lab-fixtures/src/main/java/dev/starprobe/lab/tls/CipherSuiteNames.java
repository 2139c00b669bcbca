package dev.starprobe.lab.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;

/** IANA names of cipher suite codes, read from Bouncy Castle's constants. */
public final class CipherSuiteNames {
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    NAMES.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException ignored) {
                    // public constants only
                }
            }
        }
    }

    private CipherSuiteNames() {}

    public static String name(int suite) {
        return NAMES.getOrDefault(suite, String.format("0x%04X", suite));
    }
}
