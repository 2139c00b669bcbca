package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.NamedGroups;
import dev.starprobe.plugins.tls.wire.TlsVersion;

import java.util.List;

/**
 * The suites and groups one version accepts.
 *
 * @param accepted         in the order the server chose them: its preference order when it enforces one
 * @param serverPreference true: the server picks by its own order; false: by the client's; null: not tested (fewer than two suites)
 * @param groups           key-exchange groups accepted (ECDHE curves up to 1.2; all groups in 1.3), server's order
 * @param complete         false when enumeration stopped at the handshake cap or on an error (see note)
 * @param note             what limited the enumeration, or null
 */
public record VersionSuites(TlsVersion version, List<AcceptedSuite> accepted, Boolean serverPreference,
                            List<NamedGroups.Group> groups, List<Integer> dhBits, boolean complete, String note) {
    public VersionSuites {
        accepted = List.copyOf(accepted);
        groups = List.copyOf(groups);
        dhBits = List.copyOf(dhBits);
    }
}
