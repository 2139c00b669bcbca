package dev.starprobe.lab;

import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.auth.DigestAuth;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.proto.FlatJson;
import dev.starprobe.lab.proto.LockController;
import dev.starprobe.lab.proto.RegisterMap;
import dev.starprobe.lab.proto.SunSpecMap;
import dev.starprobe.lab.proto.TopicFilter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pieces the devices are built from. */
class PartsTest {
    @Test
    void hashCostLeaksOnlyWhenUnknownUsersSkipTheHash() {
        var peer = new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        var svc = new dev.starprobe.lab.net.ServiceContext("http", 80, new TrafficLog());
        var store = dev.starprobe.lab.auth.CredentialStore.of(new dev.starprobe.lab.auth.Credentials("admin", "pw"));
        var leaky = new dev.starprobe.lab.auth.LoginGate(store, LockoutPolicy.none(),
                dev.starprobe.lab.auth.HashCost.onlyKnownUsers(Duration.ofMillis(20)));
        var fixed = new dev.starprobe.lab.auth.LoginGate(store, LockoutPolicy.none(),
                dev.starprobe.lab.auth.HashCost.always(Duration.ofMillis(20)));
        assertTrue(millis(() -> leaky.attempt(svc, peer, "admin", "wrong")) >= 20);
        assertTrue(millis(() -> leaky.attempt(svc, peer, "nobody", "wrong")) < 20);
        assertTrue(millis(() -> fixed.attempt(svc, peer, "nobody", "wrong")) >= 20);
    }

    private static long millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void flatJsonParsesFlatObjectsAndRefusesTheRest() {
        assertEquals(Map.of("a", "x\"y", "b", "12", "c", "true"), FlatJson.parse(" {\"a\":\"x\\\"y\", \"b\": 12, \"c\":true} "));
        assertEquals(Map.of(), FlatJson.parse("{}"));
        assertNull(FlatJson.parse("{\"a\":{\"b\":1}}"));
        assertNull(FlatJson.parse("{\"a\":1"));
        assertNull(FlatJson.parse("[1]"));
        assertNull(FlatJson.parse("{\"a\":1} trailing"));
    }

    @Test
    void topicFiltersMatchLikeMqtt() {
        assertTrue(TopicFilter.matches("#", "a/b"));
        assertFalse(TopicFilter.matches("#", "$SYS/x"));
        assertTrue(TopicFilter.matches("a/+/c", "a/b/c"));
        assertFalse(TopicFilter.matches("a/+/c", "a/b/d"));
        assertTrue(TopicFilter.matches("a/#", "a"));
        assertTrue(TopicFilter.matches("a/#", "a/b/c"));
        assertFalse(TopicFilter.valid("a/#/b"));
        assertFalse(TopicFilter.valid("a+"));
    }

    @Test
    void strictDigestRejectsAReplayedNonceCount() {
        DigestAuth d = new DigestAuth("r", true);
        String nonce = DigestAuth.parse(d.challenge().replace("Digest ", "Digest username=\"u\", response=\"x\", ")).get("nonce");
        Map<String, String> p = response(nonce, "00000001", "pw");
        assertTrue(d.verify(p, "GET", "pw"));
        assertFalse(d.verify(p, "GET", "pw"), "same nc again");
        assertTrue(d.verify(response(nonce, "00000002", "pw"), "GET", "pw"));
        assertFalse(d.verify(response("unknown", "00000001", "pw"), "GET", "pw"), "nonce never issued");
        DigestAuth lax = new DigestAuth("r", false);
        assertTrue(lax.verify(p, "GET", "pw"));
        assertTrue(lax.verify(p, "GET", "pw"), "lax devices accept replays");
    }

    private static Map<String, String> response(String nonce, String nc, String pw) {
        String ha1 = DigestAuth.md5("u:r:" + pw);
        String ha2 = DigestAuth.md5("GET:/");
        return Map.of("username", "u", "nonce", nonce, "uri", "/", "qop", "auth", "nc", nc, "cnonce", "c",
                "response", DigestAuth.md5(ha1 + ":" + nonce + ":" + nc + ":c:auth:" + ha2));
    }

    @Test
    void lockoutLocksAfterMaxFailuresAndEnds() throws Exception {
        LockoutPolicy p = new LockoutPolicy(3, Duration.ofMillis(300));
        InetAddress a = InetAddress.getByName("127.0.0.9");
        InetAddress b = InetAddress.getByName("127.0.0.10");
        p.failure(a);
        p.failure(a);
        assertFalse(p.isLocked(a));
        p.failure(a);
        assertTrue(p.isLocked(a));
        assertFalse(p.isLocked(b), "per source");
        Thread.sleep(350);
        assertFalse(p.isLocked(a));
        assertFalse(LockoutPolicy.none().enabled());
    }

    @Test
    void lockControllerChecksSignatureFreshnessAndNonce() {
        byte[] key = "k".repeat(32).getBytes();
        LockController strict = new LockController(key, true);
        String cmd = LockController.command(key, "unlock");
        assertEquals(LockController.Result.OK, strict.execute(cmd));
        assertFalse(strict.locked());
        assertEquals(LockController.Result.REPLAYED_NONCE, strict.execute(cmd));
        assertEquals(LockController.Result.BAD_SIGNATURE, strict.execute(LockController.command("other".getBytes(), "lock")));
        assertEquals(LockController.Result.MALFORMED, strict.execute("{\"action\":\"open\"}"));
        long old = System.currentTimeMillis() / 1000 - 31;
        assertEquals(LockController.Result.STALE_TIMESTAMP, strict.execute("{\"action\":\"lock\",\"ts\":" + old
                + ",\"nonce\":\"n\",\"sig\":\"" + LockController.sign(key, "lock", old, "n") + "\"}"));
        LockController weak = new LockController(key, false);
        assertEquals(LockController.Result.OK, weak.execute(cmd));
        assertEquals(LockController.Result.OK, weak.execute(cmd));
        assertEquals(2, weak.operations());
    }

    @Test
    void hardenedUnitsHaveTheirOwnKeysWeakUnitsShareOne() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.9");
        var h1 = dev.starprobe.lab.tls.LabPki.issued("h1", dev.starprobe.lab.tls.LabPki.KeyKind.EC_P256, a);
        var h2 = dev.starprobe.lab.tls.LabPki.issued("h2", dev.starprobe.lab.tls.LabPki.KeyKind.EC_P256, a);
        assertNotEquals(h1.leaf().getPublicKey(), h2.leaf().getPublicKey());
        h1.leaf().verify(dev.starprobe.lab.tls.LabPki.caCertificate().getPublicKey());
        var w1 = dev.starprobe.lab.tls.LabPki.selfSigned("w1", dev.starprobe.lab.tls.LabPki.KeyKind.RSA_1024, "SHA1withRSA", Duration.ofDays(1), a);
        var w2 = dev.starprobe.lab.tls.LabPki.selfSigned("w2", dev.starprobe.lab.tls.LabPki.KeyKind.RSA_1024, "SHA1withRSA", Duration.ofDays(1), a);
        assertEquals(w1.leaf().getPublicKey(), w2.leaf().getPublicKey(), "the weak vendor reuses one key");
    }

    @Test
    void sunSpecMapHasMarkerModelsAndEnd() {
        RegisterMap m = SunSpecMap.load("/dev/starprobe/lab/sunspec/storage.map",
                Map.of("model", "M", "options", "o", "version", "v", "serial", "S1"));
        assertEquals(0x5375, m.get(40000));
        assertEquals(0x6e53, m.get(40001));
        assertEquals(1, m.get(40002));
        assertEquals(66, m.get(40003));
        assertEquals('H' << 8 | 'i', m.get(40004), "manufacturer packed two characters per register");
        assertEquals(124, m.get(40070));
        assertEquals(24, m.get(40071));
        assertEquals(0xFFFF, m.get(40096));
        assertEquals(0, m.get(40097));
        assertEquals(98, m.size());
    }
}
