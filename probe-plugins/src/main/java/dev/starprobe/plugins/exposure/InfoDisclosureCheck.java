package dev.starprobe.plugins.exposure;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.ServiceRef;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.evidence.Redactor;
import dev.starprobe.plugins.auth.CredentialList;
import dev.starprobe.plugins.http.DeviceHttp;
import dev.starprobe.plugins.http.WebTitles;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EN 303 645 5.6-2: what a device tells anyone on the network without authentication. Keys, passwords and
 * tokens in what it serves (web documents and backups, retained MQTT messages, SNMP community tables) are
 * a FAIL, with every value redacted in the report, the evidence files and the transcripts, those of the
 * device's other checks included (registered with the evidence store; factory defaults excepted). Component
 * versions and unit identifiers (banners, headers, sysDescr, UPnP/ONVIF/mDNS fields, the broker's
 * version topic) are recorded as an INCONCLUSIVE disclosure for a person to judge: never a FAIL by
 * themselves, and never hidden under a PASS. A PASS says only that the places examined held no secret and
 * named no version. Reads only: GET, GETNEXT, an anonymous SUBSCRIBE where identification saw one
 * accepted; no credential is sent.
 */
public final class InfoDisclosureCheck extends BlockingCheck {
    public static final String ID = "exposure.info-disclosure";
    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("No secrets, and minimal security-relevant information, disclosed without authentication")
            .requirements("EN-5.6-2")
            .deviceLevel()
            .safety(Safety.SAFE)
            .produces(WebTitles.KEY)
            .timeout(Duration.ofSeconds(120))
            .build();

    /** Factory-default passwords and communities anyone can look up (the login checks' credential data). */
    private static final Set<String> PUBLIC_DEFAULTS = CredentialList.builtIn().stream().map(CredentialList.Entry::password)
            .collect(Collectors.toUnmodifiableSet());

    private final DisclosureRules rules;

    public InfoDisclosureCheck() {
        this(DisclosureRules.builtIn());
    }

    InfoDisclosureCheck(DisclosureRules rules) {
        this.rules = rules;
    }

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) {
        List<ServiceDisclosure> all = new ArrayList<>();
        Map<Integer, String> titles = new LinkedHashMap<>();
        DeviceHttp http = new DeviceHttp(ctx);
        for (Service s : ctx.services()) {
            ServiceDisclosure d = new ServiceDisclosure(s.ref());
            new IdentityDisclosures(rules).fromIdentification(s, d);
            try {
                if (s.transport() == Transport.TCP && ("http".equals(s.protocol()) || "https".equals(s.protocol()))) {
                    String title = new WebDocuments(rules, http).examine(s, d);
                    if (title != null) titles.put(s.port(), title);
                } else if (s.transport() == Transport.UDP && SnmpCommunities.applies(s)) {
                    new SnmpCommunities(rules).examine(ctx, s, d);
                } else if (s.transport() == Transport.TCP && MqttRetained.applies(s)) {
                    new MqttRetained(rules).examine(ctx, s, d);
                }
            } catch (Exception e) {
                d.failure = "reading it failed (" + e.getClass().getSimpleName() + ")";
            }
            if (d.anything()) all.add(d);
        }
        ServiceDisclosure discovery = new ServiceDisclosure(null);
        new IdentityDisclosures(rules).fromHints(ctx.device().hints(), discovery);
        if (discovery.observed()) all.add(discovery);
        ctx.facts().put(null, WebTitles.KEY, new WebTitles(titles));
        if (all.isEmpty()) {
            return CheckOutcome.notApplicable("no service this check reads without authentication (HTTP(S), SNMP with"
                    + " community 'public', MQTT accepting anonymous clients) and no version or identifier in identification");
        }
        List<String> secrets = all.stream().flatMap(d -> d.leaks.stream()).flatMap(l -> l.secrets().stream())
                .map(DisclosureRules.Secret::value).distinct().toList();
        // other checks' transcripts of this device may hold them too (an MQTT '#' subscription, a web fetch):
        // the evidence store redacts all of them. Published factory defaults are left out there: the login
        // checks send and name them, and redacting them would hide what those findings are about
        secrets.stream().filter(v -> !PUBLIC_DEFAULTS.contains(v)).forEach(ctx.evidence()::secret);
        Redactor redactor = new Redactor(secrets, List.of());
        EvidenceRef traffic = ctx.evidence().transcripts(ctx.net().transcripts().stream().map(redactor::redact).toList(),
                "requests and answers of this check" + (secrets.isEmpty() ? "" : ", " + secrets.size() + " disclosed secret(s) redacted"));
        List<Finding> findings = new ArrayList<>();
        for (ServiceDisclosure d : all) findings.addAll(findings(ctx, d, traffic, redactor));
        return CheckOutcome.completed(findings);
    }

    private List<Finding> findings(CheckContext ctx, ServiceDisclosure d, EvidenceRef traffic, Redactor redactor) {
        List<Finding> out = new ArrayList<>();
        String where = d.ref == null ? "discovery announcements" : d.ref.toString();
        for (ServiceDisclosure.Leak leak : d.leaks) {
            String names = leak.secrets().stream().map(DisclosureRules.Secret::describe).collect(Collectors.joining("; "));
            byte[] excerpt = ("source: " + leak.source() + " on " + where + "\nsecrets (values redacted): " + names
                    + "\n\n" + leak.text()).getBytes(StandardCharsets.UTF_8);
            out.add(ctx.finding(Verdict.FAIL, redactor.redact(leak.source() + " on " + where + " is readable without authentication and holds "
                            + leak.secrets().size() + " secret(s): " + names + " (values redacted here, in the evidence"
                            + " files and transcripts; the packet capture keeps the raw bytes)"))
                    .severity(Severity.HIGH).service(d.ref)
                    .evidence(ctx.evidence().file("disclosure", "secrets-" + port(d) + ".txt", redactor.redact(excerpt),
                            "what was served, with the secrets redacted"))
                    .evidence(traffic).build());
        }
        String examined = d.asked == null ? "" : d.asked + (d.examined.isEmpty() ? ", nothing served" : ", read: " + String.join(", ", d.examined));
        if (d.observed()) {
            List<String> parts = new ArrayList<>();
            if (!d.versions.isEmpty()) parts.add("component versions " + String.join("; ", d.versionList()));
            if (!d.identifiers.isEmpty()) parts.add("unit identifiers " + String.join("; ", d.identifiers));
            out.add(ctx.finding(Verdict.INCONCLUSIVE, redactor.redact(where + " discloses without authentication " + String.join(" and ", parts)
                            + ". Recorded for review: whether this is security-relevant information (EN 303 645 5.6-2) is"
                            + " for the manufacturer to justify; a version or identifier alone is not a FAIL"
                            + (d.leaks.isEmpty() && d.asked != null ? ". No key, password or token was found (" + examined + ")" : "")
                    + (d.failure == null ? "" : "; " + d.failure)))
                    .title("Versions and identifiers disclosed without authentication").service(d.ref).evidence(traffic).build());
        } else if (d.leaks.isEmpty() && d.failure != null) {
            out.add(ctx.finding(Verdict.INCONCLUSIVE, where + ": " + d.failure + (d.examined.isEmpty()
                            ? "; nothing it serves could be examined" : "; " + String.join(", ", d.examined) + " held no secret, the rest was not examined"))
                    .service(d.ref).evidence(traffic).build());
        } else if (d.leaks.isEmpty() && d.asked != null) {
            out.add(ctx.finding(Verdict.PASS, "no key, password or token, and no component version or unit identifier, in what"
                            + " " + where + " serves without authentication (" + examined + ")")
                    .service(d.ref).evidence(traffic).build());
        }
        return out;
    }

    private static String port(ServiceDisclosure d) {
        return d.ref == null ? "discovery" : d.ref.transport().name().toLowerCase() + "-" + d.ref.port();
    }
}
