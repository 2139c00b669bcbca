package dev.starprobe.model;

import java.util.List;

/**
 * Which JC-STAR category a device falls in, and which level is recommended.
 *
 * @param category     the category
 * @param confidence   0..1
 * @param evidence     observations that led to the category ("RTSP on 554", "ONVIF endpoint")
 * @param level        recommended STAR level
 * @param levelReasons risk factors behind the level (privacy data, control authority...)
 * @param overridden   true when the user fixed category/level in the inventory
 */
public record Classification(Category category, double confidence, List<String> evidence, StarLevel level,
                             List<String> levelReasons, boolean overridden) {
    public Classification {
        evidence = List.copyOf(evidence);
        levelReasons = List.copyOf(levelReasons);
    }

    public static Classification unknown(String why) {
        return new Classification(Category.UNKNOWN, 0, List.of(why), StarLevel.NONE, List.of(), false);
    }
}
