package dev.starprobe.spi;

/** Whether a check applies to a target, and if not, why (a silent absence is a certification risk). */
public record Applicability(boolean applies, String reason) {
    private static final Applicability YES = new Applicability(true, null);

    public static Applicability yes() {
        return YES;
    }

    public static Applicability no(String reason) {
        return new Applicability(false, reason);
    }
}
