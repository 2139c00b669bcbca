package dev.starprobe.plugins.replay;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ServiceRef;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.replay.capture.CaptureSlice;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Replays the app's requests of one protocol that went to this device (from the user's capture or
 * template), per port: verbatim on a new connection, verbatim again after a delay, and with each kind of
 * freshness field given a fresh value. FAIL names the first accepted replay; PASS needs every replay
 * refused and the legitimate request known to have succeeded; otherwise INCONCLUSIVE with the reason.
 * INTRUSIVE: an accepted replay executes the command again (at most once per request: replays stop at
 * the first acceptance).
 */
abstract class ReplayCheck extends BlockingCheck {
    static final String DELAY_SETTING = "replay.delay-seconds";
    static final Duration DEFAULT_DELAY = Duration.ofSeconds(2);
    static final String MAX_SETTING = "replay.max-requests";
    static final int DEFAULT_MAX = 3;
    static final String[] REQUIREMENTS = {"EN-5.5-1", "EN-5.5-5"};

    private final CheckDescriptor descriptor;
    private final Proto proto;
    private final Replayer replayer;

    ReplayCheck(String id, String title, Proto proto, Replayer replayer) {
        this(id, title, proto, replayer, b -> b);
    }

    /** @param extra adds to the descriptor (what protocol-native tests need) */
    ReplayCheck(String id, String title, Proto proto, Replayer replayer, UnaryOperator<CheckDescriptor.Builder> extra) {
        this.proto = proto;
        this.replayer = replayer;
        this.descriptor = extra.apply(CheckDescriptor.builder(id).title(title).requirements(REQUIREMENTS)
                .safety(Safety.INTRUSIVE).deviceLevel().timeout(Duration.ofSeconds(120))).build();
    }

    @Override
    public CheckDescriptor descriptor() {
        return descriptor;
    }

    /** Whether a captured request is a command worth replaying (reads show nothing about replay protection). */
    abstract boolean isCommand(ReplayRequest r);

    /** Findings of the protocol-native tests, which need no capture (per service; none by default). */
    List<dev.starprobe.model.Finding> nativeFindings(CheckContext ctx) {
        return List.of();
    }

    /** Why nothing is tested without a capture or template. */
    String withoutInput() {
        return "no companion-app capture or request template was given (--replay, --replay-template)";
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) {
        ReplayInputs in;
        try {
            in = ReplayInputs.of(ctx.options());
        } catch (IOException e) {
            return CheckOutcome.skipped("replay input unusable: " + e.getMessage());
        }
        List<dev.starprobe.model.Finding> findings = new ArrayList<>();
        String nothing = null;
        if (in == null) {
            nothing = withoutInput();
        } else {
            Map<Integer, List<ReplayRequest>> byPort = new LinkedHashMap<>();
            for (ReplayRequest r : in.requests()) {
                if (r.proto() == proto && (r.server() == null || r.server().equals(ctx.device().address()))) {
                    byPort.computeIfAbsent(r.port(), p -> new ArrayList<>()).add(r);
                }
            }
            if (byPort.isEmpty()) nothing = "the replay input holds no " + proto.label() + " request to " + ctx.device().address().getHostAddress();
            for (var e : byPort.entrySet()) findings.add(port(ctx, in, e.getKey(), e.getValue()));
        }
        findings.addAll(nativeFindings(ctx));
        if (findings.isEmpty()) return in == null ? CheckOutcome.skipped(nothing) : CheckOutcome.notApplicable(nothing);
        return CheckOutcome.completed(findings);
    }

    private dev.starprobe.model.Finding port(CheckContext ctx, ReplayInputs in, int port, List<ReplayRequest> requests) {
        ServiceRef ref = new ServiceRef(proto == Proto.COAP || proto == Proto.UDP ? Transport.UDP : Transport.TCP, port, proto.label());
        // a template's plaintext stands for encrypted flows to the same port
        List<ReplayRequest> plain = requests.stream().filter(r -> !r.encrypted() && r.message() != null).toList();
        List<ReplayRequest> commands = new ArrayList<>(plain.stream().filter(r -> !r.origin().capture() || isCommand(r)).toList());
        if (commands.isEmpty()) {
            long encrypted = requests.stream().filter(ReplayRequest::encrypted).count();
            String why = encrypted > 0
                    ? "the app's traffic to port " + port + " is encrypted end to end (" + encrypted + " TLS/DTLS flow(s), e.g. "
                    + requests.stream().filter(ReplayRequest::encrypted).findFirst().orElseThrow().describe()
                    + ") and its keys are unknown: no request can be replayed; give its plaintext in a request template"
                    : "only reads were captured on port " + port + " (" + plain.size() + " request(s)): no command to replay";
            return ctx.finding(Verdict.INCONCLUSIVE, why).service(ref).build();
        }
        commands.sort((a, b) -> Boolean.compare(succeeded(b), succeeded(a)));
        List<ReplayRequest> chosen = distinct(commands, max(ctx));
        List<String> lines = new ArrayList<>();
        List<EvidenceRef> refs = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        String failure = null;
        for (ReplayRequest r : chosen) {
            refs.add(originalEvidence(ctx, in, r));
            RequestResult rr = replay(ctx, r);
            lines.add(rr.summary());
            if (rr.accepted() != null) {
                verdict = Verdict.FAIL;
                if (failure == null) failure = rr.accepted();
            } else if (!rr.allRejected() && verdict == Verdict.PASS) {
                verdict = Verdict.INCONCLUSIVE;
            }
        }
        String reason = switch (verdict) {
            case FAIL -> failure + ". All replays: " + String.join("; ", lines);
            case PASS -> "every replay was refused: " + String.join("; ", lines);
            default -> "no replay was shown accepted, but not every replay was shown refused: " + String.join("; ", lines);
        };
        var f = ctx.finding(verdict, reason).service(ref).traffic("the replayed exchanges (and oracle reads), in order");
        refs.forEach(f::evidence);
        if (verdict == Verdict.FAIL) f.severity(Severity.HIGH);
        return f.build();
    }

    private record RequestResult(String summary, String accepted, boolean allRejected) {
    }

    private RequestResult replay(CheckContext ctx, ReplayRequest r) {
        List<Freshness.Field> fields = Freshness.select(replayer.fields(r.message()), r.overrides());
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("verbatim on a new connection (the original session had ended)", r.message(), Duration.ZERO));
        variants.add(new Variant("verbatim again after " + delay(ctx).toSeconds() + " s", r.message(), delay(ctx)));
        for (Freshness.Kind k : List.of(Freshness.Kind.TIMESTAMP, Freshness.Kind.NONCE, Freshness.Kind.SEQUENCE)) {
            Map<Freshness.Field, String> changes = Freshness.refresh(fields, k);
            if (changes.isEmpty()) continue;
            variants.add(new Variant("with fresh " + k.name().toLowerCase() + " " + changes.keySet().stream().map(Freshness.Field::name).toList(),
                    replayer.alter(r.message(), changes), Duration.ZERO));
        }
        OracleReader oracle = r.oracle() == null ? null : new OracleReader(ctx, r);
        List<String> parts = new ArrayList<>();
        boolean allRejected = true;
        for (Variant v : variants) {
            sleep(v.delay());
            Decision d;
            try {
                String before = oracle == null ? null : oracle.read();
                d = replayer.send(ctx, r, v.message());
                if (oracle != null) d = oracle.decide(d, before, oracle.read());
            } catch (IOException e) {
                d = Decision.unknown("exchange failed: " + e.getMessage());
            }
            parts.add(v.name() + ": " + d.outcome().name().toLowerCase() + " (" + d.why() + ")");
            if (d.outcome() == Decision.Outcome.ACCEPTED) {
                String head = "the replayed request " + r.describe() + " was accepted " + v.name() + ": " + d.why();
                return new RequestResult(r.describe() + " -> " + String.join(", ", parts), head, false);
            }
            allRejected &= d.outcome() == Decision.Outcome.REJECTED;
        }
        String fieldsNote = fields.isEmpty() ? "no freshness field found by name or shape" : "freshness fields " + fields;
        if (allRejected && !succeeded(r)) {
            parts.add("but the legitimate request's own success is unknown (no answer in the capture and no oracle that must change),"
                    + " so the refusals prove nothing");
            allRejected = false;
        }
        return new RequestResult(r.describe() + " [" + fieldsNote + "] -> " + String.join(", ", parts), null, allRejected);
    }

    private record Variant(String name, ReplayRequest.Message message, Duration delay) {
    }

    /** Whether the legitimate request is known to have worked, so that refusals of its replays mean something. */
    static boolean succeeded(ReplayRequest r) {
        if (r.oracle() != null && r.oracle().expectChange()) return true;
        ReplayRequest.Original o = r.original();
        if (o instanceof ReplayRequest.HttpAnswer h) return h.status() >= 200 && h.status() < 400;
        if (o instanceof ReplayRequest.CoapAnswer c) return c.code().startsWith("2.");
        return o instanceof ReplayRequest.MqttAnswers m && !m.messages().isEmpty();
    }

    private static List<ReplayRequest> distinct(List<ReplayRequest> rs, int max) {
        List<ReplayRequest> out = new ArrayList<>();
        var seen = new HashSet<String>();
        for (ReplayRequest r : rs) if (out.size() < max && seen.add(r.summary())) out.add(r);
        return out;
    }

    private static EvidenceRef originalEvidence(CheckContext ctx, ReplayInputs in, ReplayRequest r) {
        try {
            if (r.origin().capture()) {
                byte[] slice = CaptureSlice.of(r.origin().file(), new HashSet<>(r.frames()));
                EvidenceRef e = ctx.evidence().file("pcap", "replay-original-" + r.id().replace("#", "") + ".pcap", slice,
                        "the original request " + r.id() + ": frames " + ReplayRequest.frameRange(r.frames()) + " of "
                                + r.origin().file().getFileName() + " (sha256 " + r.origin().sha256() + ")");
                return new EvidenceRef(e.kind(), e.path(), e.sha256(), "frames " + ReplayRequest.frameRange(r.frames())
                        + " of the user's capture", e.note());
            }
            return ctx.evidence().file("template", "replay-template-" + r.origin().file().getFileName(),
                    Files.readAllBytes(r.origin().file()), "the request template that defined " + r.id()
                            + " (sha256 " + r.origin().sha256() + ")");
        } catch (IOException e) {
            return EvidenceRef.missing("pcap", "the original request's frames could not be copied: " + e.getMessage());
        }
    }

    private static Duration delay(CheckContext ctx) {
        return ctx.options().setting(DELAY_SETTING).filter(v -> v.matches("\\d{1,4}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(DEFAULT_DELAY);
    }

    private static int max(CheckContext ctx) {
        return ctx.options().setting(MAX_SETTING).filter(v -> v.matches("\\d{1,3}")).map(Integer::parseInt).orElse(DEFAULT_MAX);
    }

    private static void sleep(Duration d) {
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
