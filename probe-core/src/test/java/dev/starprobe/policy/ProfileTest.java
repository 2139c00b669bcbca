package dev.starprobe.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {
    @Test
    void builtInQuickIncludesOnlyCheapChecks() {
        Profile q = Profile.load("quick");
        assertTrue(q.includes("cleartext.telnet"));
        assertFalse(q.includes("auth.brute-force"));
    }

    @Test
    void userProfileWithExclude(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("p.yaml");
        Files.writeString(p, "name: mine\ninclude: ['*']\nexclude: ['auth.*']\n");
        Profile mine = Profile.load(p.toString());
        assertTrue(mine.includes("tls.protocols"));
        assertFalse(mine.includes("auth.default-credentials"));
    }

    @Test
    void malformedProfileIsAClearError(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("bad.yaml");
        Files.writeString(p, "name: [unclosed\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Profile.load(p.toString()));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Profile.load("no-such-profile"));
    }
}
