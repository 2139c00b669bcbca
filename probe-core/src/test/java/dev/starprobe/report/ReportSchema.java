package dev.starprobe.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.InputStream;
import java.util.List;

/** Validates report JSON against the committed schema (test helper, shared through the test-jar). */
public final class ReportSchema {
    private static final Schema SCHEMA = load();

    private ReportSchema() {
    }

    private static Schema load() {
        try (InputStream in = ReportSchema.class.getResourceAsStream("/dev/starprobe/report/report.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schema violations, empty when valid. */
    public static List<String> violations(String json) {
        return SCHEMA.validate(json, InputFormat.JSON, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))
                .stream().map(Error::toString).toList();
    }
}
