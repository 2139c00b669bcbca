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

    @Test
    void redactsSecretsInsideBinaryEvidenceAndLeavesOtherBytesAlone() {
        Redactor r = new Redactor(List.of("pässword"), List.of());
        byte[] secret = "pässword".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] content = new byte[secret.length + 4];
        content[0] = (byte) 0xff;
        content[1] = 0x00;
        System.arraycopy(secret, 0, content, 2, secret.length);
        content[content.length - 2] = (byte) 0x80;
        content[content.length - 1] = 0x7f;
        byte[] out = r.redact(content);
        byte[] mark = Redactor.MARK.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(2 + mark.length + 2, out.length);
        assertEquals((byte) 0xff, out[0]);
        assertEquals((byte) 0x80, out[out.length - 2]);
        assertEquals(Redactor.MARK, new String(out, 2, mark.length, java.nio.charset.StandardCharsets.US_ASCII));
        byte[] clean = {1, 2, 3};
        org.junit.jupiter.api.Assertions.assertSame(clean, r.redact(clean), "nothing to redact: the same bytes");
    }
}
