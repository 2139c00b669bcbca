package dev.starprobe.plugins.exposure;

import dev.starprobe.model.ServiceRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/** What one service disclosed without authentication, as the check gathers it. */
final class ServiceDisclosure {
    /** A document, message or table that held secrets, with its text for the (redacted) evidence file. */
    record Leak(String source, List<DisclosureRules.Secret> secrets, String text) {
    }

    final ServiceRef ref;
    /** What was read and held something (documents, messages, table rows). */
    final List<String> examined = new ArrayList<>();
    /** What was asked, whether or not anything came back ("13 paths over HTTP"). */
    String asked;
    final List<Leak> leaks = new ArrayList<>();
    /** "component version" → where it was seen (the first place only). */
    final Map<String, String> versions = new LinkedHashMap<>();
    final Set<String> identifiers = new LinkedHashSet<>();
    String failure;

    ServiceDisclosure(ServiceRef ref) {
        this.ref = ref;
    }

    void version(String named, String where) {
        versions.putIfAbsent(named, where);
    }

    /** The versions as a reader sees them: "Boa 0.94.14rc21 (Server header: Boa/0.94.14rc21)". */
    List<String> versionList() {
        return versions.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    }

    void leak(String source, List<DisclosureRules.Secret> secrets, String text) {
        if (!secrets.isEmpty()) leaks.add(new Leak(source, List.copyOf(secrets), text));
    }

    boolean observed() {
        return !versions.isEmpty() || !identifiers.isEmpty();
    }

    boolean anything() {
        return asked != null || observed() || failure != null;
    }
}
