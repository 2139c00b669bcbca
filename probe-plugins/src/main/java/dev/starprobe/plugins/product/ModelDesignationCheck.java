package dev.starprobe.plugins.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.http.WebTitles;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Supporting evidence for S1.1-10 (EN 303 645 5.3-16): where the device names its model over the network
 * (web page titles, ONVIF, UPnP, mDNS, SNMP, Modbus), gathered from what identification, discovery and the
 * info-disclosure check already read; it sends nothing. The requirement asks that a user can recognise the
 * model on the product body or in its GUI: the label is out of a probe's reach, and whether a string in a
 * protocol answer is "recognisable by the user" is a person's call. So the finding is always INCONCLUSIVE,
 * saying what was found where (or that nothing was), and never PASS or FAIL.
 */
public final class ModelDesignationCheck extends BlockingCheck {
    public static final String ID = "product.model-designation";
    static final String RESOURCE = "/dev/starprobe/plugins/product/model-sources.yaml";
    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("Model designation visible over the network (supporting evidence, not the requirement)")
            .requirements("S1.1-10", "EN-5.3-16")
            .deviceLevel()
            .safety(Safety.SAFE)
            .consumes(WebTitles.KEY)
            .timeout(Duration.ofSeconds(10))
            .build();

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> machine = new LinkedHashMap<>();

    public ModelDesignationCheck() {
        try (InputStream in = ModelDesignationCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            root.path("attributes").fields().forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
            root.path("machineIdentifiers").fields().forEachRemaining(e -> machine.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        Set<String> machineIds = new LinkedHashSet<>();
        ctx.facts().device(WebTitles.KEY).ifPresent(t -> t.byPort().forEach((port, title) ->
                found.computeIfAbsent("'" + title + "' (title of the web page", k -> new LinkedHashSet<>()).add("port " + port)));
        collect(ctx.device().hints(), "discovery", found, machineIds);
        for (Service s : ctx.services()) collect(s.attributes(), s.ref().toString(), found, machineIds);
        List<String> parts = new ArrayList<>();
        if (!found.isEmpty()) {
            parts.add("found: " + String.join("; ", found.entrySet().stream()
                    .map(e -> e.getKey() + ", " + String.join(", ", e.getValue()) + ")").toList()));
        }
        if (!machineIds.isEmpty()) parts.add("machine identifiers (not for people): " + String.join("; ", machineIds));
        String reason = found.isEmpty()
                ? "no model designation is visible over the network (no web page title, ONVIF, UPnP, mDNS, SNMP or Modbus"
                        + " identification names one)" + (machineIds.isEmpty() ? "" : "; " + parts.get(0))
                        + ". Check the label on the product and the GUI after login: S1.1-10 is met there, not on the network"
                : String.join(". ", parts) + ". Supporting evidence only: S1.1-10 asks that the user recognises the model on"
                        + " the product or in its GUI; confirm the label and what the GUI shows";
        return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, reason)
                .evidence(ctx.evidence().file("model-designation", "sources.txt", examined(ctx, found, machineIds),
                        "every identification value this check read (it sends no traffic of its own)"))
                .evidence(dev.starprobe.model.EvidenceRef.missing("pcap", "no traffic of its own: it reads what identification"
                        + " and discovery recorded (see those exchanges in the device's capture)")).build());
    }

    /** What was looked at and what each source held: the evidence behind "found" and "nothing visible" alike. */
    private byte[] examined(CheckContext ctx, Map<String, Set<String>> found, Set<String> machineIds) {
        StringBuilder b = new StringBuilder("sources examined (identification and discovery of this scan):\n");
        sources.forEach((key, label) -> b.append("  ").append(key).append(" = ").append(label).append('\n'));
        b.append("services: ").append(ctx.services().stream().map(s -> s.ref().toString()).toList()).append('\n');
        b.append("found:\n");
        found.forEach((what, where) -> b.append("  ").append(what).append(") at ").append(where).append('\n'));
        if (found.isEmpty()) b.append("  nothing\n");
        b.append("machine identifiers:\n");
        machineIds.forEach(m -> b.append("  ").append(m).append('\n'));
        if (machineIds.isEmpty()) b.append("  none\n");
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void collect(Map<String, String> values, String where, Map<String, Set<String>> found, Set<String> machineIds) {
        sources.forEach((key, label) -> {
            String v = values.get(key);
            if (v != null && !v.isBlank()) found.computeIfAbsent("'" + v + "' (" + label, k -> new LinkedHashSet<>()).add(where);
        });
        machine.forEach((key, label) -> {
            String v = values.get(key);
            if (v != null && !v.isBlank()) machineIds.add(v + " (" + label + ")");
        });
    }
}
