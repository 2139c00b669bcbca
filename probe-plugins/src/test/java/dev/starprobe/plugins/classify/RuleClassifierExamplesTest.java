package dev.starprobe.plugins.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.Service;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Transport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the examples kept in rules.yaml: every rule change is measured against them. */
class RuleClassifierExamplesTest {
    private final RuleClassifier classifier = new RuleClassifier();

    @TestFactory
    List<DynamicTest> everyExampleInTheRulesFileIsClassifiedAsExpected() throws Exception {
        JsonNode root;
        try (InputStream in = RuleClassifier.class.getResourceAsStream(RuleClassifier.RESOURCE)) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode ex : root.path("examples")) {
            tests.add(DynamicTest.dynamicTest(ex.path("name").asText(), () -> {
                Classification c = classifier.classify(device(ex.path("hints")), services(ex.path("services"))).orElseThrow();
                String why = c.category() + " " + c.level() + " " + c.confidence() + " " + c.evidence() + " " + c.levelReasons();
                assertEquals(Category.valueOf(ex.path("expect").path("category").asText()), c.category(), why);
                assertEquals(StarLevel.valueOf(ex.path("expect").path("level").asText()), c.level(), why);
            }));
        }
        assertTrue(tests.size() >= 8, "rules.yaml keeps its examples");
        return tests;
    }

    @Test
    void aSilentDeviceIsUnknownWithNoEvidenceNotAGuess() throws Exception {
        Classification c = classifier.classify(device(), List.of()).orElseThrow();
        assertEquals(Category.UNKNOWN, c.category());
        assertTrue(c.evidence().get(0).startsWith("no evidence"), c.evidence().toString());
    }

    @Test
    void evidenceNamesWhatWasSeenAndWhere() throws Exception {
        Service plc = new Service(Transport.TCP, 502, "modbus", false, null, null, null,
                Map.of("modbus.vendor", "Example Controls"));
        Classification c = classifier.classify(device(), List.of(plc)).orElseThrow();
        assertTrue(c.evidence().contains("Modbus device identification: vendor Example Controls [502/tcp modbus]"),
                c.evidence().toString());
    }

    private static Device device() throws Exception {
        return Device.at(InetAddress.getByName("192.0.2.10"));
    }

    /** A device with the discovery hints of an example (mDNS, SSDP...), none when it gives none. */
    private static Device device(JsonNode hints) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        hints.fields().forEachRemaining(e -> h.put(e.getKey(), e.getValue().asText()));
        return new Device(null, InetAddress.getByName("192.0.2.10"), null, List.of(), h);
    }

    private static List<Service> services(JsonNode list) {
        List<Service> out = new ArrayList<>();
        for (JsonNode s : list) {
            Map<String, String> attrs = new LinkedHashMap<>();
            s.path("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
            out.add(new Service(Transport.valueOf(s.path("transport").asText()), s.path("port").asInt(),
                    s.hasNonNull("protocol") ? s.get("protocol").asText() : null, false, null, null,
                    s.hasNonNull("banner") ? s.get("banner").asText() : null, attrs));
        }
        return out;
    }
}
