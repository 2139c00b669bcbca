package dev.starprobe.evidence;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RedactorTest {
    @Test
    void removesSecretsInPlainAndBasicForm() {
        Redactor r = new Redactor(List.of("s3cret!"), List.of("admin:s3cret!"));
        String basic = Base64.getEncoder().encodeToString("admin:s3cret!".getBytes());
        String out = r.redact("pass=s3cret!\nAuthorization: Basic " + basic);
        assertFalse(out.contains("s3cret!"));
        assertFalse(out.contains(basic));
        assertEquals("pass=<redacted>\nAuthorization: Basic <redacted>", out);
    }
}
