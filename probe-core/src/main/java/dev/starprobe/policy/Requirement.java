package dev.starprobe.policy;

import java.util.List;

/**
 * A JC-STAR requirement as far as it is known.
 *
 * @param title           null when the text is unknown: reports say "not mapped", never guess
 * @param confidence      confirmed, partial, unknown
 * @param networkTestable yes, partial, no, unknown
 * @param en303645        EN 303 645 provisions it corresponds to
 */
public record Requirement(String id, String title, String confidence, String networkTestable, List<String> en303645) {
    public Requirement {
        en303645 = en303645 == null ? List.of() : List.copyOf(en303645);
    }

    public boolean known() {
        return title != null;
    }
}
