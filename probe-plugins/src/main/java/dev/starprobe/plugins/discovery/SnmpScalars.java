package dev.starprobe.plugins.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET and SET of single SNMP objects in v1 or v2c, and the Response to either: what a test that reads a
 * value and writes it back needs, without the BER coding leaving this package.
 */
public final class SnmpScalars {
    public static final int V1 = SnmpMessage.VERSION_1;
    public static final int V2C = SnmpMessage.VERSION_2C;

    private SnmpScalars() {
    }

    /** The agent's answer: its error-status and error-index, and each object's value as encoded. */
    public record Reply(int version, int errorStatus, int errorIndex, Map<String, SnmpValue> values) {
    }

    public static byte[] get(int version, String community, int requestId, List<String> oids) {
        return SnmpMessage.get(version, community, requestId, oids);
    }

    public static byte[] set(int version, String community, int requestId, String oid, SnmpValue value) {
        return SnmpMessage.set(version, community, requestId, oid, value);
    }

    /** The Response to {@code requestId} in {@code datagram}; empty for another id or anything that is not a Response. */
    public static Optional<Reply> reply(byte[] datagram, int requestId) {
        try {
            SnmpMessage.Response r = SnmpMessage.parse(datagram);
            if (r.requestId() != requestId) return Optional.empty();
            return Optional.of(new Reply(r.version(), r.errorStatus(), r.errorIndex(), r.raw()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** RFC 3416 / RFC 1157 error-status names, for the report. */
    public static String errorName(int status) {
        return switch (status) {
            case 0 -> "noError";
            case 1 -> "tooBig";
            case 2 -> "noSuchName";
            case 3 -> "badValue";
            case 4 -> "readOnly";
            case 5 -> "genErr";
            case 6 -> "noAccess";
            case 7 -> "wrongType";
            case 8 -> "wrongLength";
            case 9 -> "wrongEncoding";
            case 10 -> "wrongValue";
            case 11 -> "noCreation";
            case 12 -> "inconsistentValue";
            case 13 -> "resourceUnavailable";
            case 14 -> "commitFailed";
            case 15 -> "undoFailed";
            case 16 -> "authorizationError";
            case 17 -> "notWritable";
            case 18 -> "inconsistentName";
            default -> "error " + status;
        };
    }
}
