package dev.starprobe.plugins.auth;

import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The statistical and safety parameters of auth.user-enumeration: defaults from
 * {@code user-enumeration.properties}, each overridable by the setting {@value #PREFIX}&lt;key&gt;.
 * The failures allowed between two known-credential logins come from {@value #LOCKOUT_THRESHOLD}
 * (threshold - 1) when the user knows the device's lockout threshold.
 */
record EnumerationSettings(double alpha, int samples, int minSamples, double power, double maxUndetectedMs,
                           double minEffectMs, int failuresBetweenResets) {
    static final String PREFIX = "auth.user-enumeration.";
    /** The device's lockout threshold (failed logins before it locks), when known. */
    static final String LOCKOUT_THRESHOLD = "auth.lockout-threshold";
    private static final String RESOURCE = "/dev/starprobe/plugins/auth/user-enumeration.properties";
    /** Attempts per group are capped whatever the settings say: they are failed logins on someone's device. */
    static final int MAX_SAMPLES = 40;
    private static final Properties DEFAULTS = load();

    EnumerationSettings {
        if (!(alpha > 0 && alpha < 0.5)) throw new IllegalArgumentException(PREFIX + "alpha must be in (0, 0.5): " + alpha);
        if (!(power > 0.5 && power < 1)) throw new IllegalArgumentException(PREFIX + "power must be in (0.5, 1): " + power);
        if (samples < 2 || minSamples < 2) throw new IllegalArgumentException(PREFIX + "samples and min-samples must be >= 2");
        samples = Math.min(samples, MAX_SAMPLES);
        if (failuresBetweenResets < 1) throw new IllegalArgumentException("a lockout threshold of 1 leaves no room for a wrong attempt");
    }

    static EnumerationSettings from(ScanOptions o) {
        int perReset = o.setting(LOCKOUT_THRESHOLD).map(t -> Integer.parseInt(t.strip()) - 1)
                .orElse(integer(o, "failures-between-resets"));
        return new EnumerationSettings(number(o, "alpha"), integer(o, "samples"), integer(o, "min-samples"),
                number(o, "power"), number(o, "max-undetected-ms"), number(o, "min-effect-ms"), perReset);
    }

    private static String value(ScanOptions o, String key) {
        return o.setting(PREFIX + key).orElseGet(() -> {
            String d = DEFAULTS.getProperty(key);
            if (d == null) throw new IllegalStateException(RESOURCE + " lacks " + key);
            return d;
        }).strip();
    }

    private static double number(ScanOptions o, String key) {
        return Double.parseDouble(value(o, key));
    }

    private static int integer(ScanOptions o, String key) {
        return Integer.parseInt(value(o, key));
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = EnumerationSettings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE);
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
