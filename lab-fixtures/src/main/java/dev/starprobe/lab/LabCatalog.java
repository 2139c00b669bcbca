package dev.starprobe.lab;

import java.util.List;
import java.util.stream.Collectors;

/** Renders the built-in devices' ground truth as Markdown (used for the module README: {@code LabMain --catalog}). */
public final class LabCatalog {
    private LabCatalog() {}

    public static String markdown(List<SimulatedDevice> devices) {
        StringBuilder b = new StringBuilder();
        b.append("| device | category | level | services |\n| --- | --- | --- | --- |\n");
        for (SimulatedDevice d : devices) {
            GroundTruth t = d.truth();
            b.append("| ").append(d.name()).append(" | ").append(t.category()).append(" | ").append(t.level()).append(" | ")
                    .append(t.services().stream().map(s -> s.port() + "/" + s.transport().name().toLowerCase() + " " + s.protocol()
                            + (s.tls() ? " (TLS)" : "")).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        b.append("\n| device | check | port | verdict | why |\n| --- | --- | --- | --- | --- |\n");
        for (SimulatedDevice d : devices) {
            for (ExpectedVerdict e : d.truth().expectations()) {
                b.append("| ").append(d.name()).append(" | ").append(e.checkId()).append(" | ")
                        .append(e.port() == null ? "device" : e.port()).append(" | ").append(e.verdict()).append(" | ")
                        .append(e.why().replace("|", "\\|")).append(" |\n");
            }
        }
        return b.toString();
    }
}
