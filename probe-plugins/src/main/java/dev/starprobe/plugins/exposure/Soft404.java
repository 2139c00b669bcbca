package dev.starprobe.plugins.exposure;

/**
 * Many embedded web servers answer 200 to every path (a login page, a single-page-app shell). A path only
 * exists when its answer differs from the answer to a path that cannot exist.
 */
final class Soft404 {
    private Soft404() {
    }

    /** A random path no device serves, asked once per service as the baseline. */
    static String baselinePath() {
        return "/" + java.util.UUID.randomUUID();
    }

    /** Whether {@code body} (a 200) is really there, given the baseline's status and body. */
    static boolean exists(int baselineStatus, String baselineBody, String body) {
        return !(baselineStatus == 200 && similar(baselineBody, body));
    }

    private static boolean similar(String a, String b) {
        return Math.abs(a.length() - b.length()) <= Math.max(16, a.length() / 20);
    }
}
