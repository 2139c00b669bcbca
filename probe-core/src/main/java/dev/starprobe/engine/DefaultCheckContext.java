package dev.starprobe.engine;

import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.EvidenceRecorder;
import dev.starprobe.spi.Facts;
import dev.starprobe.spi.Network;
import dev.starprobe.spi.ScanOptions;
import dev.starprobe.spi.Session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The context one check run sees. */
final class DefaultCheckContext implements CheckContext {
    private final CheckDescriptor descriptor;
    private final Device device;
    private final List<Service> services;
    private final Service service;
    private final Classification classification;
    private final Facts facts;
    private final DeviceNetwork net;
    private final ScanOptions options;
    private final Executor blocking;
    private final EvidenceRecorder evidence;

    DefaultCheckContext(CheckDescriptor descriptor, Device device, List<Service> services, Service service,
                        Classification classification, Facts facts, DeviceNetwork net, ScanOptions options,
                        Executor blocking, EvidenceRecorder evidence) {
        this.descriptor = descriptor;
        this.device = device;
        this.services = services;
        this.service = service;
        this.classification = classification;
        this.facts = facts;
        this.net = net;
        this.options = options;
        this.blocking = blocking;
        this.evidence = evidence;
    }

    @Override public CheckDescriptor descriptor() { return descriptor; }
    @Override public Device device() { return device; }
    @Override public List<Service> services() { return services; }
    @Override public Optional<Service> service() { return Optional.ofNullable(service); }
    @Override public Classification classification() { return classification; }
    @Override public Facts facts() { return facts; }
    @Override public Network net() { return net; }
    @Override public ScanOptions options() { return options; }
    @Override public Executor blockingExecutor() { return blocking; }
    @Override public EvidenceRecorder evidence() { return evidence; }

    @Override
    public FindingBuilder finding(Verdict verdict, String reason) {
        return new Builder(verdict, reason);
    }

    private final class Builder implements FindingBuilder {
        private final Verdict verdict;
        private final String reason;
        private String title = descriptor.title();
        private Severity severity = Severity.INFO;
        private List<String> requirements = descriptor.requirements();
        private final List<EvidenceRef> refs = new ArrayList<>();
        private dev.starprobe.model.ServiceRef about = service == null ? null : service.ref();

        Builder(Verdict verdict, String reason) {
            this.verdict = verdict;
            this.reason = reason;
        }

        @Override public FindingBuilder title(String t) { this.title = t; return this; }
        @Override public FindingBuilder severity(Severity s) { this.severity = s; return this; }
        @Override public FindingBuilder requirements(String... ids) { this.requirements = Arrays.asList(ids); return this; }
        @Override public FindingBuilder evidence(EvidenceRef ref) { refs.add(ref); return this; }
        @Override public FindingBuilder service(dev.starprobe.model.ServiceRef s) { this.about = s; return this; }

        @Override
        public FindingBuilder evidence(Session session, String note) {
            refs.add(evidence.transcript(session.transcript(), note));
            return this;
        }

        @Override
        public FindingBuilder traffic(String note) {
            refs.add(evidence.transcripts(net.transcripts(), note));
            return this;
        }

        @Override
        public Finding build() {
            return new Finding(descriptor.id(), title, requirements, verdict, severity, reason, about, refs);
        }
    }
}
