package dev.starprobe.plugins.replay;

/** What one replay attempt showed; never ACCEPTED from the absence of an error alone. */
public record Decision(Outcome outcome, String why) {
    public enum Outcome { ACCEPTED, REJECTED, UNKNOWN }

    static Decision accepted(String why) {
        return new Decision(Outcome.ACCEPTED, why);
    }

    static Decision rejected(String why) {
        return new Decision(Outcome.REJECTED, why);
    }

    static Decision unknown(String why) {
        return new Decision(Outcome.UNKNOWN, why);
    }
}
