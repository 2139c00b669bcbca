package dev.starprobe.report;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report for CI servers, in the Ant/Jenkins JUnit XML format: one test suite per device, one test
 * case per STAR-1 item (from the shared {@link RequirementRollup}) and one per check run. FAIL is a
 * failure, ERROR and TIMED_OUT are errors, and whatever did not decide (INCONCLUSIVE, NOT_APPLICABLE,
 * skipped, not tested) is skipped with the reason, so nothing undecided shows up as passed.
 */
public final class JUnitReport {
    public static final String FILE_NAME = "junit.xml";
    /** Ant's timestamp form: no zone, no fraction (UTC). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final RequirementRollup rollup;

    public JUnitReport(RequirementRollup rollup) {
        this.rollup = rollup;
    }

    /** A test case's outcome: null kind = passed. */
    private record Outcome(String kind, String type, String message, String body) {
        static final Outcome PASSED = new Outcome(null, null, null, null);
    }

    private record Case(String classname, String name, double seconds, Outcome outcome) {
    }

    public Path write(ScanReport report, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            write(report, out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    public void write(ScanReport report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            List<List<Case>> suites = new ArrayList<>();
            for (DeviceResult d : report.devices()) suites.add(cases(d));
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "StarProbe JC-STAR STAR-1");
            writeCounts(x, suites.stream().flatMap(List::stream).toList());
            x.writeAttribute("time", seconds(report.stageMillis().getOrDefault("total", 0L) / 1000.0));
            for (int i = 0; i < report.devices().size(); i++) {
                suite(x, i, report, report.devices().get(i), suites.get(i));
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private List<Case> cases(DeviceResult d) {
        String pkg = "starprobe." + token(d.device().id());
        List<Case> out = new ArrayList<>();
        for (RequirementRollup.Row row : rollup.of(d).star1()) {
            out.add(new Case(pkg + ".star1", row.requirement().id() + " " + row.title(), 0, outcome(row)));
        }
        for (ExecutionRecord e : d.executions()) {
            List<Finding> fs = d.findings().stream().filter(f -> d.runOf(f) == e).toList();
            out.add(new Case(pkg + ".checks", e.checkId() + " " + (e.service() == null ? "device" : e.service()),
                    e.elapsedMillis() / 1000.0, outcome(e, fs)));
        }
        return out;
    }

    private static Outcome outcome(RequirementRollup.Row row) {
        String body = describe(row.findings());
        if (row.verdict() == null) {
            String why = switch (row.coverage()) {
                case NOT_NETWORK_TESTABLE -> "not testable over the network: needs documents or processes";
                case NOT_MAPPED -> "not mapped: the requirement text is unknown";
                default -> "not tested: no check produced a finding for it in this run";
            };
            return new Outcome("skipped", null, why, null);
        }
        return verdictOutcome(row.verdict(), row.requirement().id() + " " + row.verdict(), body);
    }

    private static Outcome outcome(ExecutionRecord e, List<Finding> fs) {
        return switch (e.status()) {
            case COMPLETED -> {
                Verdict v = RequirementRollup.worst(fs);
                yield v == null ? Outcome.PASSED : verdictOutcome(v, e.checkId() + " " + v, describe(fs));
            }
            case ERROR, TIMED_OUT -> new Outcome("error", e.status().name(), e.status()
                    + (e.failure() == null ? "" : " " + e.failure()) + (e.detail() == null ? "" : ": " + e.detail()), null);
            case SKIPPED, NOT_APPLICABLE, CANCELLED -> new Outcome("skipped", null,
                    e.status() + (e.detail() == null ? "" : ": " + e.detail()), null);
        };
    }

    private static Outcome verdictOutcome(Verdict v, String headline, String body) {
        String first = body.lines().findFirst().orElse("");
        return switch (v) {
            case PASS -> Outcome.PASSED;
            case FAIL -> new Outcome("failure", "FAIL", headline + ": " + first, body);
            case ERROR -> new Outcome("error", "ERROR", headline + ": " + first, body);
            case INCONCLUSIVE, NOT_APPLICABLE -> new Outcome("skipped", null, v + ": " + first, null);
        };
    }

    /** One line per finding, evidence paths included, so a CI page leads straight to the bytes. */
    private static String describe(List<Finding> fs) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : fs) {
            sb.append(f.verdict()).append(' ').append(f.checkId())
                    .append(f.service() == null ? "" : " " + f.service()).append(": ").append(f.reason());
            f.evidence().forEach(e -> sb.append(" [").append(e.kind()).append(' ')
                    .append(e.path() == null ? e.note() : e.path() + (e.range() == null ? "" : " " + e.range())).append(']'));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void suite(XMLStreamWriter x, int id, ScanReport report, DeviceResult d, List<Case> cases)
            throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean("starprobe " + d.device().id()
                + (d.inventory() == null ? "" : " (" + d.inventory().name() + ")")));
        writeCounts(x, cases);
        x.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::seconds).sum()));
        x.writeAttribute("timestamp", TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS)));
        x.writeAttribute("hostname", d.device().address().getHostAddress());
        x.writeAttribute("id", String.valueOf(id));
        x.writeAttribute("package", "starprobe." + token(d.device().id()));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "device.id", d.device().id());
        property(x, "device.address", d.device().address().getHostAddress());
        if (d.device().mac() != null) property(x, "device.mac", d.device().mac());
        property(x, "category", d.classification().category().name());
        property(x, "recommendedLevel", d.classification().level().name());
        if (d.inventory() != null && d.inventory().firmware() != null) property(x, "firmware", d.inventory().firmware());
        property(x, "statement", "A probe result supports a JC-STAR self-declaration; it is not an IPA verdict.");
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (Case c : cases) testcase(x, c);
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void testcase(XMLStreamWriter x, Case c) throws XMLStreamException {
        x.writeCharacters("\n    ");
        Outcome o = c.outcome();
        if (o.kind() == null) x.writeEmptyElement("testcase");
        else x.writeStartElement("testcase");
        x.writeAttribute("name", clean(c.name()));
        x.writeAttribute("classname", clean(c.classname()));
        x.writeAttribute("time", seconds(c.seconds()));
        if (o.kind() == null) return;
        if (o.body() == null) x.writeEmptyElement(o.kind());
        else x.writeStartElement(o.kind());
        x.writeAttribute("message", clean(o.message()));
        if (o.type() != null) x.writeAttribute("type", o.type());
        if (o.body() != null) {
            x.writeCharacters(clean(o.body()));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    private static void writeCounts(XMLStreamWriter x, List<Case> cases) throws XMLStreamException {
        x.writeAttribute("tests", String.valueOf(cases.size()));
        x.writeAttribute("failures", String.valueOf(count(cases, "failure")));
        x.writeAttribute("errors", String.valueOf(count(cases, "error")));
        x.writeAttribute("skipped", String.valueOf(count(cases, "skipped")));
    }

    private static long count(List<Case> cases, String kind) {
        return cases.stream().filter(c -> kind.equals(c.outcome().kind())).count();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** A dotted-name token: CI servers split class names at dots into packages. */
    private static String token(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * Text that XML 1.0 can carry: device-supplied strings may hold control characters that no XML
     * parser accepts, so they are shown as \xNN instead of breaking the whole report.
     */
    static String clean(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (ok) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}
