package dev.starprobe.inventory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {
    private static final List<String> FARM = IntStream.range(0, 103).mapToObj(i -> "198.18." + (i / 250) + "." + (i % 250)).toList();

    @Test
    void shardsCoverEveryDeviceExactlyOnceAndDifferInSizeByAtMostOne() {
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            List<String> mine = new Shard(k, 4).select(FARM, Function.identity());
            sizes.add(mine.size());
            for (String d : mine) assertTrue(seen.add(d), d + " in two shards");
        }
        assertEquals(FARM.size(), seen.size());
        assertTrue(Collections.max(sizes) - Collections.min(sizes) <= 1, sizes.toString());
    }

    @Test
    void theSplitDoesNotDependOnTheOrderOfTheInventory() {
        List<String> shuffled = new ArrayList<>(FARM);
        Collections.shuffle(shuffled, new Random(7));
        for (int k = 1; k <= 3; k++) {
            assertEquals(new HashSet<>(new Shard(k, 3).select(FARM, Function.identity())),
                    new HashSet<>(new Shard(k, 3).select(shuffled, Function.identity())));
        }
    }

    @Test
    void parsesKOverN() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        for (String bad : List.of("0/4", "5/4", "2", "a/b", "2/0", "1/2/3", "")) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
    }
}
