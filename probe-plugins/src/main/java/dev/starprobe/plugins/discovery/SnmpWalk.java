package dev.starprobe.plugins.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of an SNMPv2c walk: GetNextRequest for the object after an OID, and the object the agent
 * names in its Response (escaped text, as every SNMP value this package returns).
 */
public final class SnmpWalk {
    private SnmpWalk() {
    }

    /** The next object after {@code oid}, read with {@code community}. */
    public static byte[] nextRequest(String community, int requestId, String oid) {
        return SnmpMessage.request(SnmpMessage.GET_NEXT_REQUEST, community, requestId, List.of(oid));
    }

    /** The (OID, value) a reply to {@code requestId} carries; empty for another id, an error, end of view or no SNMP. */
    public static Optional<Map.Entry<String, String>> next(byte[] reply, int requestId) {
        try {
            SnmpMessage.Response r = SnmpMessage.parse(reply);
            if (r.requestId() != requestId || r.errorStatus() != 0 || r.values().isEmpty()) return Optional.empty();
            return Optional.of(r.values().entrySet().iterator().next());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
