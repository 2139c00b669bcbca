package dev.starprobe.spi;

import dev.starprobe.model.Category;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a check is, what it serves and what it needs. The engine schedules from this alone.
 *
 * @param id           stable id, dotted ("cleartext.telnet")
 * @param title        one line for people
 * @param requirements requirement IDs from the catalogue (validated at load)
 * @param safety       impact class; above SAFE needs the user's consent
 * @param level        SERVICE: runs once per matching service; DEVICE: once per device; SCAN: once per
 *                     device after every device of the scan finished its other checks, seeing the
 *                     facts of all of them ({@link CheckContext#peers()}): for cross-device findings
 *                     such as the same key on several units
 * @param protocols    service protocols it applies to (empty: any); only for SERVICE checks
 * @param ports        service ports it applies to (empty: any); only for SERVICE checks
 * @param categories   device categories it applies to (empty: any)
 * @param consumes     facts it reads; the engine runs their producers first
 * @param produces     facts it writes
 * @param sessions     connections it holds at once (the per-device budget is shared)
 * @param timeout      wall-clock budget; the engine cancels the check and closes its sessions after it
 * @param logsIn       it logs in (with a valid credential or not) where a device counts logins toward a lockout,
 *                     though below BRUTE: the engine runs it, like a BRUTE check, alone among those of the device
 *                     (a success resets a count a brute-force burst is building; refusals add to it)
 */
public record CheckDescriptor(String id, String title, List<String> requirements, Safety safety, Level level,
                              Set<String> protocols, Set<Integer> ports, Set<Category> categories, Set<FactKey<?>> consumes,
                              Set<FactKey<?>> produces, int sessions, Duration timeout, boolean logsIn) {

    public enum Level { SERVICE, DEVICE, SCAN }

    public CheckDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        requirements = List.copyOf(requirements);
        protocols = Set.copyOf(protocols);
        ports = Set.copyOf(ports);
        categories = Set.copyOf(categories);
        consumes = Set.copyOf(consumes);
        produces = Set.copyOf(produces);
        if (sessions < 1) throw new IllegalArgumentException(id + ": sessions must be >= 1");
    }

    /** The default applicability rule: protocol and category filters. Checks may refine it. */
    public Applicability applicability(CheckTarget target) {
        if (!categories.isEmpty() && target.classification() != null
                && !categories.contains(target.classification().category())) {
            return Applicability.no("device category " + target.classification().category() + " not in " + categories);
        }
        if (level == Level.SERVICE && !protocols.isEmpty()) {
            String p = target.service().protocol();
            if (p == null || !protocols.contains(p)) {
                return Applicability.no("service " + target.service().ref() + " is not one of " + protocols);
            }
        }
        if (level == Level.SERVICE && !ports.isEmpty() && !ports.contains(target.service().port())) {
            return Applicability.no("port " + target.service().port() + " is not one of " + ports);
        }
        return Applicability.yes();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public static final class Builder {
        private final String id;
        private String title;
        private List<String> requirements = List.of();
        private Safety safety = Safety.SAFE;
        private Level level = Level.SERVICE;
        private Set<String> protocols = Set.of();
        private Set<Integer> ports = Set.of();
        private Set<Category> categories = Set.of();
        private Set<FactKey<?>> consumes = Set.of();
        private Set<FactKey<?>> produces = Set.of();
        private int sessions = 1;
        private Duration timeout = Duration.ofSeconds(60);
        private boolean logsIn;

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String title) { this.title = title; return this; }
        public Builder requirements(String... ids) { this.requirements = List.of(ids); return this; }
        public Builder safety(Safety safety) { this.safety = safety; return this; }
        public Builder deviceLevel() { this.level = Level.DEVICE; return this; }
        public Builder scanLevel() { this.level = Level.SCAN; return this; }
        public Builder protocols(String... protocols) { this.protocols = Set.of(protocols); return this; }
        public Builder ports(Integer... ports) { this.ports = Set.of(ports); return this; }
        public Builder categories(Category... categories) { this.categories = Set.of(categories); return this; }
        public Builder consumes(FactKey<?>... keys) { this.consumes = Set.of(keys); return this; }
        public Builder produces(FactKey<?>... keys) { this.produces = Set.of(keys); return this; }
        public Builder sessions(int sessions) { this.sessions = sessions; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder logsIn() { this.logsIn = true; return this; }

        public CheckDescriptor build() {
            return new CheckDescriptor(id, title == null ? id : title, requirements, safety, level, protocols, ports,
                    categories, consumes, produces, sessions, timeout, logsIn || safety == Safety.BRUTE);
        }
    }
}
