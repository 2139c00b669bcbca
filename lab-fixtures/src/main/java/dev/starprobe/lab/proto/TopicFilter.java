package dev.starprobe.lab.proto;

/** MQTT topic filter matching with '+' (one level) and '#' (the rest, including the parent level). */
public final class TopicFilter {
    private TopicFilter() {}

    public static boolean matches(String filter, String topic) {
        if (filter.equals("#")) return !topic.startsWith("$");
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return i == f.length - 1;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
            if (i == 0 && f[i].equals("+") && t[0].startsWith("$")) return false;
        }
        return f.length == t.length;
    }

    /** Whether {@code filter} is syntactically valid. */
    public static boolean valid(String filter) {
        if (filter.isEmpty()) return false;
        String[] f = filter.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].contains("#") && (!f[i].equals("#") || i != f.length - 1)) return false;
            if (f[i].contains("+") && !f[i].equals("+")) return false;
        }
        return true;
    }
}
