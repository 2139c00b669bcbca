package dev.starprobe.report;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.Requirement;
import dev.starprobe.policy.RequirementCatalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * Rolls a device's findings up to the STAR-1 items: the one place that decides what a requirement's
 * verdict is, used by the HTML report, the JUnit report and the terminal summary alike.
 *
 * <p>A finding supports an item when it cites the item ("S1.1-12") or one of the EN 303 645 provisions
 * the catalogue maps to the item ("EN-5.5-1"). The worst verdict wins (FAIL > ERROR > INCONCLUSIVE >
 * PASS > NOT_APPLICABLE): one counter-example fails the item, and PASS needs every finding to pass.
 * An item without findings has no verdict, and says why: not tested, not testable over the network,
 * or not mapped because its text is unknown.
 */
public final class RequirementRollup {

    /** Why an item has (or has no) verdict. */
    public enum Coverage {
        /** findings exist; the verdict is theirs */
        TESTED,
        /** a probe could supply evidence, but no check produced a finding in this run */
        NOT_TESTED,
        /** documents or processes: a network probe cannot decide it */
        NOT_NETWORK_TESTABLE,
        /** the item exists but its text is unknown: never guessed */
        NOT_MAPPED
    }

    /**
     * One STAR-1 item for one device.
     *
     * @param verdict null unless {@link Coverage#TESTED}
     */
    public record Row(Requirement requirement, Coverage coverage, Verdict verdict, List<Finding> findings) {
        public Row {
            findings = List.copyOf(findings);
        }

        /** The verdict, or the reason there is none, as one word for tables and matrices. */
        public String label() {
            return verdict != null ? verdict.name() : coverage.name();
        }

        /** What the item requires, or "not mapped" when its text is unknown. */
        public String title() {
            return requirement.known() ? requirement.title() : "not mapped (requirement text unknown)";
        }
    }

    /**
     * A device's roll-up.
     *
     * @param star1    one row per STAR-1 item, in catalogue order
     * @param elsewhere findings that support no STAR-1 item (EN 303 645 provisions outside STAR-1, or none cited)
     */
    public record DeviceRollup(DeviceResult device, List<Row> star1, List<Finding> elsewhere) {
        public DeviceRollup {
            star1 = List.copyOf(star1);
            elsewhere = List.copyOf(elsewhere);
        }

        /** The worst verdict over all STAR-1 items, null when none was tested. */
        public Verdict overall() {
            Verdict w = null;
            for (Row r : star1) if (r.verdict() != null) w = w == null ? r.verdict() : Verdict.worst(w, r.verdict());
            return w;
        }

        public List<Row> with(Verdict v) {
            return star1.stream().filter(r -> r.verdict() == v).toList();
        }
    }

    private final RequirementCatalogue catalogue;

    public RequirementRollup(RequirementCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public RequirementCatalogue catalogue() {
        return catalogue;
    }

    public DeviceRollup of(DeviceResult device) {
        List<Row> rows = new ArrayList<>();
        List<Finding> placed = new ArrayList<>();
        for (Requirement req : catalogue.jcstar()) {
            List<Finding> fs = device.findings().stream().filter(f -> supports(f, req)).toList();
            placed.addAll(fs);
            rows.add(fs.isEmpty() ? new Row(req, uncovered(req), null, fs) : new Row(req, Coverage.TESTED, worst(fs), fs));
        }
        List<Finding> elsewhere = device.findings().stream().filter(f -> placed.stream().noneMatch(p -> p == f)).toList();
        return new DeviceRollup(device, rows, elsewhere);
    }

    /** Worst verdict of some findings; null for none. */
    public static Verdict worst(List<Finding> findings) {
        Verdict w = null;
        for (Finding f : findings) w = w == null ? f.verdict() : Verdict.worst(w, f.verdict());
        return w;
    }

    static boolean supports(Finding f, Requirement req) {
        for (String id : f.requirements()) {
            if (id.equals(req.id())) return true;
            if (id.startsWith(RequirementCatalogue.EN_PREFIX)
                    && req.en303645().contains(id.substring(RequirementCatalogue.EN_PREFIX.length()))) return true;
        }
        return false;
    }

    private static Coverage uncovered(Requirement req) {
        if (!req.known()) return Coverage.NOT_MAPPED;
        if (req.networkTestable().equals("no")) return Coverage.NOT_NETWORK_TESTABLE;
        return Coverage.NOT_TESTED;
    }
}
