package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeGuardTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void allowsAddressesInsideScope() throws Exception {
        ScopeGuard g = new ScopeGuard(List.of(Cidr.parse("198.18.0.0/24")), false);
        assertDoesNotThrow(() -> g.check(ip("198.18.0.12"), "test"));
        assertEquals(0, g.refusalCount());
    }

    @Test
    void refusesAndRecordsAddressesOutsideScope() throws Exception {
        ScopeGuard g = new ScopeGuard(List.of(Cidr.parse("198.18.0.0/24")), false);
        OutOfScopeException e = assertThrows(OutOfScopeException.class, () -> g.check(ip("198.18.1.1"), "check:x"));
        assertEquals(NetworkFailure.OUT_OF_SCOPE, e.failure());
        assertEquals(1, g.refusals().size());
        assertEquals("198.18.1.1", g.refusals().get(0).address());
        assertEquals("check:x", g.refusals().get(0).requestedBy());
    }

    @Test
    void refusesPublicAddressEvenInsideScopeUnlessAllowed() throws Exception {
        List<Cidr> scope = List.of(Cidr.parse("8.8.8.0/24"));
        assertThrows(OutOfScopeException.class, () -> new ScopeGuard(scope, false).check(ip("8.8.8.8"), "t"));
        assertEquals(null, new ScopeGuard(scope, true).whyRefused(ip("8.8.8.8")));
    }

    @Test
    void classifiesPublicAndPrivate() throws Exception {
        assertTrue(ScopeGuard.isPublic(ip("1.1.1.1")));
        assertTrue(ScopeGuard.isPublic(ip("2001:4860::1")));
        for (String p : List.of("127.0.0.1", "10.1.1.1", "192.168.1.1", "172.16.5.5", "198.18.0.1", "169.254.1.1", "::1", "fd00::1", "fe80::1")) {
            assertFalse(ScopeGuard.isPublic(ip(p)), p);
        }
    }

    @Test
    void multicastOnlyWhenAllowed() throws Exception {
        List<Cidr> scope = List.of(Cidr.parse("198.18.0.0/24"));
        assertThrows(OutOfScopeException.class, () -> new ScopeGuard(scope, false).check(ip("239.255.255.250"), "ssdp"));
        assertDoesNotThrow(() -> new ScopeGuard(scope, false, true, java.time.Clock.systemUTC()).check(ip("239.255.255.250"), "ssdp"));
    }
}
