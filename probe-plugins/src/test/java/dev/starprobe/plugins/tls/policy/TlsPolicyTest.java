package dev.starprobe.plugins.tls.policy;

import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsPolicyTest {
    private static TlsPolicy parse(String yaml) throws TlsPolicy.PolicyException {
        return TlsPolicy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static Observation suite(String name, String kx, String algorithm, boolean fs) {
        return Observation.of("suite", name).with("name", name).with("keyExchange", kx).with("algorithm", algorithm)
                .with("forwardSecret", fs).with("bits", 128).build();
    }

    @Test
    void builtInPolicyLoadsAndNamesItsCryptrecBasis() {
        TlsPolicy p = TlsPolicy.builtIn();
        assertEquals("starprobe-cryptrec-2023", p.name());
        assertTrue(p.basis().stream().anyMatch(b -> b.contains("LS-0001-2022")), p.basis().toString());
        assertTrue(p.basis().stream().anyMatch(b -> b.contains("GL-3001-3.0.1")), p.basis().toString());
        assertTrue(p.rules().size() > 25);
    }

    @Test
    void everyMatchingRuleReportsWithWhatItMatched() {
        TlsPolicy p = TlsPolicy.builtIn();
        var hits = p.evaluate(List.of(suite("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RSA", "3DES", false),
                suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "AES", true)));
        List<String> ids = hits.stream().map(h -> h.rule().id()).toList();
        assertTrue(ids.contains("suite.3des") && ids.contains("suite.no-forward-secrecy"), ids.toString());
        assertTrue(hits.stream().allMatch(h -> h.labels().equals(List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA"))), "the good suite matched nothing");
    }

    @Test
    void numericConditionsCompare() throws Exception {
        TlsPolicy p = parse("""
                name: t
                requirements: [S1.1-12]
                rules:
                  - {id: small, level: forbidden, title: small, when: {group: {kind: dh, bitsBelow: 2048}}}
                """);
        Observation dh1024 = Observation.of("group", "DH 1024").with("kind", "dh").with("bits", 1024).build();
        Observation dh2048 = Observation.of("group", "DH 2048").with("kind", "dh").with("bits", 2048).build();
        assertEquals(List.of("DH 1024"), p.evaluate(List.of(dh1024, dh2048)).get(0).labels());
    }

    @Test
    void invalidPoliciesAreRefusedWithTheReason() {
        var typo = assertThrows(TlsPolicy.PolicyException.class, () -> parse("""
                name: t
                requirements: [S1.1-12]
                rules:
                  - {id: x, level: forbidden, title: x, when: {suite: {algoritm: RC4}}}
                """));
        assertTrue(typo.getMessage().contains("'algoritm' is not an attribute of suite"), typo.getMessage());
        var level = assertThrows(TlsPolicy.PolicyException.class, () -> parse("""
                name: t
                requirements: [S1.1-12]
                rules:
                  - {id: x, level: forbiden, title: x, when: {suite: {algorithm: RC4}}}
                """));
        assertTrue(level.getMessage().contains("forbiden"), level.getMessage());
        var req = assertThrows(TlsPolicy.PolicyException.class, () -> parse("""
                name: t
                requirements: [S9.9-99]
                rules:
                  - {id: x, level: forbidden, title: x, when: {suite: {algorithm: RC4}}}
                """));
        assertTrue(req.getMessage().contains("unknown requirement id 'S9.9-99'"), req.getMessage());
        assertThrows(TlsPolicy.PolicyException.class, () -> parse("name: t\nrules: []\n"));
    }

    @Test
    void theUsersPolicyFileReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("strict.yaml");
        Files.writeString(f, """
                name: strict-lab
                requirements: [S1.1-12, EN-5.5-1]
                rules:
                  - {id: only13, level: forbidden, title: only TLS 1.3, when: {protocol: {protocol: TLSv1.2}}}
                """);
        ScanOptions o = new ScanOptions(Set.of(Safety.SAFE), Map.of(), Duration.ofSeconds(5), Map.of(TlsPolicy.SETTING, f.toString()));
        TlsPolicy p = TlsPolicy.forOptions(o);
        assertEquals("strict-lab", p.name());
        assertEquals(1, p.evaluate(List.of(Observation.of("protocol", "TLSv1.2").with("protocol", "TLSv1.2").build())).size());
        assertSame(TlsPolicy.builtIn(), TlsPolicy.forOptions(ScanOptions.safeDefaults()));
        ScanOptions missing = new ScanOptions(Set.of(Safety.SAFE), Map.of(), Duration.ofSeconds(5),
                Map.of(TlsPolicy.SETTING, dir.resolve("nope.yaml").toString()));
        assertThrows(TlsPolicy.PolicyException.class, () -> TlsPolicy.forOptions(missing));
    }
}
