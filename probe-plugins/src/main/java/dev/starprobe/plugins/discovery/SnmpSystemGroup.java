package dev.starprobe.plugins.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SNMP system group as a device describes itself (sysDescr, sysObjectID, sysName), read the same way
 * by multicast-free discovery sweeps and by identification of one device's UDP 161: the keys are both the
 * discovery hint keys and the service attribute keys, so one classification rule reads either.
 */
public final class SnmpSystemGroup {
    public static final String COMMUNITY = "public";
    public static final String KEY_COMMUNITY = "snmp.community";
    public static final String KEY_DESCR = "snmp.sysDescr";
    public static final String KEY_OBJECT_ID = "snmp.sysObjectID";
    public static final String KEY_NAME = "snmp.sysName";

    /** The port scan's GETs with community "public" (engine/udp-probes.yaml), by the SNMP version they speak. */
    private static final Map<String, Integer> PUBLIC_PROBES = Map.of("snmp-v2c-public-sysdescr", SnmpMessage.VERSION_2C,
            "snmp-v1-public-sysdescr", SnmpMessage.VERSION_1);

    private SnmpSystemGroup() {
    }

    /** An SNMPv2c GET of the three objects with community {@value #COMMUNITY}. */
    public static byte[] request(int requestId) {
        return request(COMMUNITY, requestId);
    }

    /**
     * The SNMP version ({@link SnmpScalars#V1} or {@link SnmpScalars#V2C}) in which {@code service} answered the
     * port scan's GET with community "public", or empty when it answered neither (v3 discovery only, say).
     */
    public static Optional<Integer> publicReadVersion(dev.starprobe.model.Service service) {
        return Optional.ofNullable(PUBLIC_PROBES.get(service.attributes().getOrDefault("udp.probe", "")));
    }

    /** An SNMPv2c GET of the three objects with {@code community} (a login attempt unless it is the public one). */
    public static byte[] request(String community, int requestId) {
        return request(SnmpMessage.VERSION_2C, community, requestId);
    }

    /** The same GET in {@code version} ({@link SnmpScalars#V1} or {@link SnmpScalars#V2C}). */
    public static byte[] request(int version, String community, int requestId) {
        return SnmpMessage.get(version, community, requestId,
                List.of(SnmpMessage.SYS_DESCR, SnmpMessage.SYS_OBJECT_ID, SnmpMessage.SYS_NAME));
    }

    /**
     * Whether {@code reply} is an SNMP v1/v2c Response to {@code requestId}, whatever its error status: the agent
     * accepted the community (a wrong community gets no answer).
     */
    public static boolean isResponseTo(byte[] reply, int requestId) {
        try {
            return SnmpMessage.parse(reply).requestId() == requestId;
        } catch (ParseException e) {
            return false;
        }
    }

    /** The values a reply to {@code requestId} carries; empty for another id, an error status or no SNMP. */
    public static Optional<Map<String, String>> read(byte[] reply, int requestId) {
        try {
            return read(SnmpMessage.parse(reply), requestId);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Map<String, String>> read(SnmpMessage.Response r, int requestId) {
        if (r.requestId() != requestId || r.errorStatus() != 0) return Optional.empty();
        Map<String, String> out = new LinkedHashMap<>();
        out.put(KEY_COMMUNITY, COMMUNITY);
        put(out, KEY_DESCR, r.values().get(SnmpMessage.SYS_DESCR));
        put(out, KEY_OBJECT_ID, r.values().get(SnmpMessage.SYS_OBJECT_ID));
        put(out, KEY_NAME, r.values().get(SnmpMessage.SYS_NAME));
        return Optional.of(out);
    }

    private static void put(Map<String, String> m, String key, String v) {
        if (v != null && !v.isBlank()) m.put(key, v);
    }
}
