package dev.starprobe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Colours of the port/service map, from {@code protocol-classes.yaml}. */
final class ProtocolClasses {
    enum Kind { ENCRYPTED, CLEARTEXT, OTHER, UNIDENTIFIED }

    private static final ProtocolClasses BUILT_IN = load();

    private final Set<String> encrypted;
    private final Set<String> cleartext;

    private ProtocolClasses(Set<String> encrypted, Set<String> cleartext) {
        this.encrypted = encrypted;
        this.cleartext = cleartext;
    }

    static ProtocolClasses builtIn() {
        return BUILT_IN;
    }

    Kind of(Service s) {
        if (s.tls()) return Kind.ENCRYPTED;
        if (s.protocol() == null) return Kind.UNIDENTIFIED;
        String p = s.protocol().toLowerCase(Locale.ROOT);
        if (encrypted.contains(p)) return Kind.ENCRYPTED;
        if (cleartext.contains(p)) return Kind.CLEARTEXT;
        return Kind.OTHER;
    }

    private static ProtocolClasses load() {
        try (InputStream in = ProtocolClasses.class.getResourceAsStream("protocol-classes.yaml")) {
            if (in == null) throw new IllegalStateException("missing protocol-classes.yaml");
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new ProtocolClasses(set(n.path("encrypted")), set(n.path("cleartext")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> set(JsonNode arr) {
        Set<String> s = new HashSet<>();
        arr.forEach(x -> s.add(x.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(s);
    }
}
