package dev.starprobe.plugins.discovery;

/**
 * A discovery answer could not be understood. Bytes from the network are hostile: every parser
 * reports malformed, truncated or oversized input with this exception and nothing else.
 */
public final class ParseException extends Exception {
    public ParseException(String message) {
        super(message);
    }

    static void require(boolean ok, String message) throws ParseException {
        if (!ok) throw new ParseException(message);
    }
}
