package dev.starprobe.plugins.classify;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import dev.starprobe.net.NetSettings;
import dev.starprobe.policy.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.starprobe.plugins.lab.FullLabScan;

import java.nio.file.Files;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints the confusion matrix of declared against predicted category for every lab device, with each
 * device's predicted level and evidence, and fails below 100 % category and level accuracy. The weak,
 * hardened and other devices come from the shared whole-lab scan ({@link FullLabScan}); the hostile ones
 * from a scan of their own ports with identification and classification only (a full sweep of tarpits
 * adds minutes, not evidence). A hostile device may run a real protocol server (fragile's Modbus/TCP
 * answers device identification as the controller it is) and then has a category; the others answer
 * nothing coherent and must stay UNKNOWN, never a guess.
 */
@ExtendWith(FullLabScan.Resolver.class)
@org.junit.jupiter.api.parallel.Isolated
class ConfusionMatrixTest {
    /** No check runs: this test is about what identification and classification conclude. */
    private static final Profile CLASSIFY_ONLY = new Profile("classify-only", "identification and classification only",
            List.of(), List.of());

    @Test
    void everyLabDeviceLandsInItsDeclaredCategoryAndLevel(FullLabScan scan) {
        Map<SimulatedDevice, DeviceResult> results = new LinkedHashMap<>();
        scan.lab().devices().forEach(d -> results.put(d, scan.result(d)));
        judge("weak, hardened and other devices (shared full scan " + scan.scanMillis() + " ms)", results);
    }

    @Test
    void hostileDevicesAreClassifiedFromWhatTheyProveNotOnAGuess() throws Exception {
        List<SimulatedDevice> devices = BuiltInLab.hostile();
        try (Lab lab = Lab.start(devices)) {
            long t0 = System.nanoTime();
            ScanReport report = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.parse("21,22,23,80,443,502"))
                    .withUdpPorts(PortSpec.parse("iot-udp")).withProfile(CLASSIFY_ONLY)
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(Files.createTempDirectory("confusion"))
                    .withNet(NetSettings.defaults().withPerDevice(32, 0)));
            Map<SimulatedDevice, DeviceResult> results = new LinkedHashMap<>();
            for (SimulatedDevice d : devices) {
                DeviceResult r = report.devices().stream().filter(x -> x.device().address().equals(lab.address(d.name())))
                        .findFirst().orElseThrow(() -> new AssertionError(d.name() + " missing from the report"));
                results.put(d, r);
                Classification c = r.classification();
                if (c.category() == Category.UNKNOWN) continue;
                // a category must rest on an identified protocol, never on ports alone
                boolean identified = r.services().stream().anyMatch(s -> s.protocol() != null && !s.attributes().isEmpty()
                        && c.evidence().stream().anyMatch(e -> e.contains("[" + s.ref() + "]")));
                assertTrue(identified, d.name() + " classified " + c.category() + " without an identified protocol: "
                        + c.evidence());
            }
            judge("hostile devices (scan " + (System.nanoTime() - t0) / 1_000_000 + " ms)", results);
        }
    }

    private static void judge(String title, Map<SimulatedDevice, DeviceResult> results) {
        Map<Category, Map<Category, Integer>> matrix = new EnumMap<>(Category.class);
        Map<String, String> wrong = new LinkedHashMap<>();
        StringBuilder perDevice = new StringBuilder();
        int levelsRight = 0;
        for (var e : results.entrySet()) {
            SimulatedDevice d = e.getKey();
            Classification c = e.getValue().classification();
            Category declared = d.truth().category();
            matrix.computeIfAbsent(declared, k -> new EnumMap<>(Category.class)).merge(c.category(), 1, Integer::sum);
            perDevice.append(String.format("  %-20s declared %-17s %-7s predicted %-17s %-7s %.2f %s%n      level reasons %s%n",
                    d.name(), declared, d.truth().level(), c.category(), c.level(), c.confidence(), c.evidence(),
                    c.levelReasons()));
            if (c.category() != declared) wrong.put(d.name(), "predicted " + c.category() + " from " + c.evidence());
            else if (c.level() != d.truth().level()) wrong.put(d.name(), "level " + c.level() + " instead of "
                    + d.truth().level() + " from " + c.levelReasons());
            else levelsRight++;
        }
        int n = results.size();
        System.out.println("confusion matrix, " + title + " (rows declared, columns predicted)");
        System.out.print(render(matrix));
        System.out.print(perDevice);
        long categoriesRight = results.entrySet().stream()
                .filter(e -> e.getValue().classification().category() == e.getKey().truth().category()).count();
        System.out.printf("category accuracy %d/%d = %.1f %%, category and level %d/%d = %.1f %%%n",
                categoriesRight, n, 100.0 * categoriesRight / n, levelsRight, n, 100.0 * levelsRight / n);
        assertTrue(wrong.isEmpty(), "misclassified: " + wrong);
    }

    static String render(Map<Category, Map<Category, Integer>> m) {
        StringBuilder sb = new StringBuilder(String.format("%-18s", "declared\\pred"));
        for (Category p : Category.values()) sb.append(String.format("%19s", p.name()));
        sb.append('\n');
        for (Category d : Category.values()) {
            Map<Category, Integer> row = m.get(d);
            if (row == null) continue;
            sb.append(String.format("%-18s", d));
            for (Category p : Category.values()) sb.append(String.format("%19s", row.getOrDefault(p, 0) == 0 ? "." : row.get(p)));
            sb.append('\n');
        }
        return sb.toString();
    }
}
