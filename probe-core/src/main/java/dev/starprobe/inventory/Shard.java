package dev.starprobe.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Shard K of N of a farm. Items are ordered by a hash of their identity and dealt round-robin, so a
 * split depends only on which devices the inventory holds, never on their order in the file, every
 * shard job computes the same split independently, and shard sizes differ by at most one.
 *
 * @param index 1-based
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) throw new IllegalArgumentException("shard must be K/N with 1 <= K <= N");
    }

    /** Parses "K/N"; the message of a bad value is the one line the CLI prints. */
    public static Shard parse(String s) {
        String[] parts = s.trim().split("/", -1);
        try {
            if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard '" + s + "' must be K/N with 1 <= K <= N, e.g. 2/4");
    }

    public <T> List<T> select(List<T> items, Function<T, String> identity) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing((T t) -> hash(identity.apply(t))).thenComparing(identity));
        List<T> mine = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) if (i % count == index - 1) mine.add(sorted.get(i));
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static String hash(String identity) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
