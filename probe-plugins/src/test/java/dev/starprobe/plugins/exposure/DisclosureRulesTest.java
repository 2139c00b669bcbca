package dev.starprobe.plugins.exposure;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The examples in info-disclosure.yaml, run as tests: each secret pattern's hits and misses, each version text. */
class DisclosureRulesTest {
    private static final DisclosureRules RULES = DisclosureRules.builtIn();

    @TestFactory
    List<DynamicTest> everySecretPatternFindsItsHitsAndNotItsMisses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DisclosureRules.SecretPattern p : RULES.secretPatterns) {
            assertTrue(!p.hit().isEmpty() && !p.miss().isEmpty(), p.id() + " needs hit and miss examples");
            for (String hit : p.hit()) {
                tests.add(DynamicTest.dynamicTest(p.id() + " finds " + hit, () -> assertTrue(
                        RULES.secrets(hit, false).stream().anyMatch(s -> s.label().equals(p.label())), RULES.secrets(hit, false).toString())));
            }
            for (String miss : p.miss()) {
                tests.add(DynamicTest.dynamicTest(p.id() + " ignores " + miss, () -> assertEquals(List.of(), RULES.secrets(miss, false))));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> versionExamplesYieldTheirComponents() {
        return RULES.versionExamples.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertEquals(e.getValue(), RULES.versions(e.getKey())))).toList();
    }

    @Test
    void webPagesOnlyGetUnmistakableFormats() {
        String script = "<script>var password = document.getElementById('pwd').value; var token = getToken();</script>";
        assertEquals(List.of(), RULES.secrets(script, true), "a login page's script is no disclosure");
        assertEquals(1, RULES.secrets("<pre>-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----</pre>", true).size());
    }

    @Test
    void secretsAreDescribedByNameAndLengthNeverByValue() {
        DisclosureRules.Secret s = RULES.secrets("wifi_psk=acme-cam-5f3e9b21\n", false).get(0);
        assertEquals("wifi_psk (assignment), 17 characters", s.describe());
    }

    @Test
    void hostileTextIsScannedInBoundedTime() {
        Random r = new Random(7);
        byte[] junk = new byte[1 << 20];
        r.nextBytes(junk);
        String noise = new String(junk, StandardCharsets.ISO_8859_1);
        String repetitive = "password=".repeat(200_000) + "<a_token>".repeat(50_000);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            RULES.secrets(noise, false);
            RULES.secrets(repetitive, false);
            RULES.versions(repetitive);
        });
    }
}
