package dev.starprobe.report;

import dev.starprobe.evidence.Redactor;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Removes secrets from every string of a report before it is written, wherever they ended up: a device
 * that echoes a password in its banner, a check that quotes a response in its reason. The engine applies
 * it per device with the user's secrets and those the device disclosed. Evidence files are redacted by the
 * evidence store; packet captures are not (they are the raw evidence).
 */
public final class ReportRedaction {
    private final Redactor r;
    private final UnaryOperator<EvidenceRef> refs;

    public ReportRedaction(Redactor redactor) {
        this(redactor, UnaryOperator.identity());
    }

    /** @param refs maps each evidence reference to its final form (the hash of a file redacted again) */
    public ReportRedaction(Redactor redactor, UnaryOperator<EvidenceRef> refs) {
        this.r = redactor;
        this.refs = refs;
    }

    public ScanReport apply(ScanReport s) {
        return new ScanReport(s.schemaVersion(), s.tool(), s.startedAt(), s.finishedAt(), s.parameters(),
                s.devices().stream().map(this::device).toList(), s.scopeRefusals(), s.stageMillis(), list(s.warnings()));
    }

    public DeviceResult device(DeviceResult d) {
        Device x = d.device();
        Device dev = new Device(x.id(), x.address(), x.mac(), list(x.names()), map(x.hints()));
        Classification c = d.classification();
        Classification cls = new Classification(c.category(), c.confidence(), list(c.evidence()), c.level(), list(c.levelReasons()),
                c.overridden());
        List<Service> services = d.services().stream().map(s -> new Service(s.transport(), s.port(), t(s.protocol()), s.tls(),
                t(s.product()), t(s.version()), t(s.banner()), map(s.attributes()))).toList();
        List<ExecutionRecord> runs = d.executions().stream().map(e -> new ExecutionRecord(e.checkId(), e.service(), e.status(),
                e.failure(), t(e.detail()), e.elapsedMillis(), e.findings(), e.startedAt())).toList();
        List<Finding> findings = d.findings().stream().map(f -> new Finding(f.checkId(), t(f.title()), f.requirements(),
                f.verdict(), f.severity(), t(f.reason()), f.service(), f.evidence().stream().map(refs).map(e -> new EvidenceRef(e.kind(),
                e.path(), e.sha256(), e.range(), t(e.note()))).toList())).toList();
        return new DeviceResult(dev, services, cls, runs, findings, d.inventory());
    }

    private String t(String s) {
        return s == null ? null : r.redact(s);
    }

    private List<String> list(List<String> l) {
        return l.stream().map(this::t).toList();
    }

    private Map<String, String> map(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(t(k), t(v)));
        return out;
    }
}
