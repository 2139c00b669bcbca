package dev.starprobe.lab.proto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The smart lock's command logic, shared by its HTTP, MQTT and CoAP interfaces. A command is the JSON
 * object {@code {"action":"unlock"|"lock","ts":<epoch seconds>,"nonce":"...","sig":"<hex HMAC-SHA256>"}}
 * with {@code sig = HMAC(key, action + "|" + ts + "|" + nonce)}. With replay protection, a nonce is accepted
 * once and {@code ts} must be within ±{@link #WINDOW} of the lock's clock; without it, any correctly signed
 * command is executed again and again.
 */
public final class LockController {
    public static final Duration WINDOW = Duration.ofSeconds(30);

    public enum Result { OK, MALFORMED, BAD_SIGNATURE, STALE_TIMESTAMP, REPLAYED_NONCE }

    private final byte[] key;
    private final boolean replayProtection;
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();
    private volatile boolean locked = true;
    private volatile long operations;

    public LockController(byte[] key, boolean replayProtection) {
        this.key = key.clone();
        this.replayProtection = replayProtection;
    }

    public synchronized Result execute(String json) {
        Map<String, String> m = FlatJson.parse(json);
        if (m == null) return Result.MALFORMED;
        String action = m.get("action");
        String ts = m.get("ts");
        String nonce = m.get("nonce");
        String sig = m.get("sig");
        if (action == null || ts == null || nonce == null || sig == null
                || !(action.equals("lock") || action.equals("unlock"))) {
            return Result.MALFORMED;
        }
        long t;
        try {
            t = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return Result.MALFORMED;
        }
        String expected = sign(key, action, t, nonce);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Result.BAD_SIGNATURE;
        }
        if (replayProtection) {
            long now = System.currentTimeMillis() / 1000;
            if (Math.abs(now - t) > WINDOW.toSeconds()) return Result.STALE_TIMESTAMP;
            seenNonces.values().removeIf(seen -> now - seen > 4 * WINDOW.toSeconds());
            if (seenNonces.putIfAbsent(nonce, now) != null) return Result.REPLAYED_NONCE;
        }
        locked = action.equals("lock");
        operations++;
        return Result.OK;
    }

    public boolean locked() {
        return locked;
    }

    /** Commands executed so far (a replay that was accepted counts again). */
    public long operations() {
        return operations;
    }

    public String stateJson() {
        return "{\"locked\":" + locked + ",\"battery\":87,\"operations\":" + operations + "}";
    }

    /** The companion app's signature. */
    public static String sign(byte[] key, String action, long ts, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((action + "|" + ts + "|" + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh, valid command as the companion app would send it now. */
    public static String command(byte[] key, String action) {
        long ts = System.currentTimeMillis() / 1000;
        String nonce = HexFormat.of().formatHex(dev.starprobe.lab.tls.LabPki.randomBytes(8));
        return "{\"action\":\"" + action + "\",\"ts\":" + ts + ",\"nonce\":\"" + nonce + "\",\"sig\":\""
                + sign(key, action, ts, nonce) + "\"}";
    }
}
