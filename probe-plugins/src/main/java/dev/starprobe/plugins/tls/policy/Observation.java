package dev.starprobe.plugins.tls.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a check observed, described by attributes a policy rule can test: an accepted protocol
 * version, an accepted suite, a key-exchange group, a certificate, a feature, a cleartext service.
 * Checks describe; the policy (data) judges.
 *
 * @param subject    protocol, suite, group, certificate, feature or cleartext
 * @param label      how a report names it ("TLS_RSA_WITH_3DES_EDE_CBC_SHA in TLSv1.2")
 * @param attributes values rules test, by name (strings, numbers, booleans)
 */
public record Observation(String subject, String label, Map<String, Object> attributes) {
    public Observation {
        if (!Schema.SUBJECTS.containsKey(subject)) throw new IllegalArgumentException("unknown subject " + subject);
        for (String k : attributes.keySet()) {
            if (!Schema.SUBJECTS.get(subject).contains(k)) {
                throw new IllegalArgumentException("attribute '" + k + "' is not in the " + subject + " schema");
            }
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static Builder of(String subject, String label) {
        return new Builder(subject, label);
    }

    public static final class Builder {
        private final String subject;
        private final String label;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String subject, String label) {
            this.subject = subject;
            this.label = label;
        }

        public Builder with(String name, Object value) {
            if (value != null) attributes.put(name, value);
            return this;
        }

        public Observation build() {
            return new Observation(subject, label, attributes);
        }
    }
}
