package dev.starprobe.plugins.tls.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuitesTest {
    private final Suites suites = Suites.builtIn();

    private Suite s(int code) {
        return suites.byCode(code).orElseThrow();
    }

    @Test
    void everyNameInTheDataFileIsUnderstood() {
        assertTrue(suites.all().size() > 300, "suites: " + suites.all().size());
        for (Suite x : suites.all()) {
            assertFalse(x.keyExchange().isBlank(), x.name());
            assertTrue(x.bits() >= 0, x.name());
        }
    }

    @Test
    void propertiesAreDerivedFromTheIanaName() {
        Suite rsa3des = s(0x000A);
        assertEquals("TLS_RSA_WITH_3DES_EDE_CBC_SHA", rsa3des.name());
        assertEquals("RSA", rsa3des.keyExchange());
        assertEquals("3DES", rsa3des.algorithm());
        assertEquals(112, rsa3des.bits());
        assertEquals("CBC", rsa3des.mode());
        assertFalse(rsa3des.forwardSecret());
        assertEquals(TlsVersion.SSL3, rsa3des.minVersion());

        Suite export = s(0x0003); // TLS_RSA_EXPORT_WITH_RC4_40_MD5
        assertTrue(export.export());
        assertEquals("RC4", export.algorithm());
        assertEquals("MD5", export.mac());
        assertEquals("STREAM", export.mode());

        Suite gcm = s(0xC02B); // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        assertEquals("ECDHE", gcm.keyExchange());
        assertEquals("ECDSA", gcm.authentication());
        assertEquals("AEAD", gcm.mode());
        assertTrue(gcm.forwardSecret());
        assertEquals(TlsVersion.TLS12, gcm.minVersion());

        Suite anon = s(0x0034); // TLS_DH_anon_WITH_AES_128_CBC_SHA
        assertTrue(anon.anonymous());

        Suite t13 = s(0x1301);
        assertTrue(t13.isTls13());
        assertTrue(t13.validIn(TlsVersion.TLS13));
        assertFalse(t13.validIn(TlsVersion.TLS12));
        assertFalse(gcm.validIn(TlsVersion.TLS11));
        assertTrue(rsa3des.validIn(TlsVersion.SSL3));

        Suite nul = s(0x0002); // TLS_RSA_WITH_NULL_SHA
        assertEquals("NULL", nul.algorithm());
        assertEquals(0, nul.bits());

        Suite psk = s(0xC0A8); // TLS_PSK_WITH_AES_128_CCM_8
        assertEquals("PSK", psk.keyExchange());
        assertTrue(psk.usesPsk());
        assertFalse(psk.forwardSecret());
        assertEquals("AEAD", psk.mode());

        assertFalse(s(0x0005).validIn(TlsVersion.DTLS12), "no RC4 in DTLS");
    }
}
