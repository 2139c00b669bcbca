package dev.starprobe.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.starprobe.model.ScanReport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The canonical JSON form of a {@link ScanReport}, following {@code docs/report.schema.json}.
 * Addresses are written as literals (never host names), times as ISO-8601.
 */
public final class JsonReport {
    public static final String FILE_NAME = "report.json";
    private static final ObjectMapper MAPPER = mapper();

    private JsonReport() {
    }

    public static ObjectMapper mapper() {
        SimpleModule addresses = new SimpleModule("addresses");
        addresses.addSerializer(InetAddress.class, new StdSerializer<>(InetAddress.class) {
            @Override
            public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.getHostAddress());
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(addresses)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static String toJson(ScanReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }

    /** Writes {@code report.json} into {@code dir} (atomically: a crash never leaves half a report). */
    public static Path write(ScanReport report, Path dir) throws IOException {
        return writeFile(report, dir.resolve(FILE_NAME));
    }

    /** Writes the report to {@code file} (atomically), e.g. a merged report under its own name. */
    public static Path writeFile(ScanReport report, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(report));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** @throws IOException naming the file when it is not a StarProbe report */
    public static ScanReport read(Path file) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), ScanReport.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a readable StarProbe report: " + e.getMessage(), e);
        }
    }
}
