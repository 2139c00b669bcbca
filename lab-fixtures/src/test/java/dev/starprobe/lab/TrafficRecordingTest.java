package dev.starprobe.lab;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.auth.BasicAuth;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.devices.WeakRouter;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What devices record: a passive look is not intrusive; every credential presented is a login attempt. */
class TrafficRecordingTest {
    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(() -> BuiltInLab.byName(List.of(WeakCamera.NAME, WeakRouter.NAME)));

    @Test
    void passiveRequestsAreNotIntrusiveAndEveryCredentialIsALoginAttempt() throws Exception {
        TrafficLog log = LAB.lab().traffic(WeakCamera.NAME);
        InetAddress a = LAB.lab().address(WeakCamera.NAME);
        HttpClient c = http();
        int connections = log.connections(80);
        get(c, url("http", a, 80, "/login.html"));
        get(c, url("http", a, 80, "/"));
        assertEquals(0, log.intrusive(), "looking is not intrusive");
        assertTrue(log.connections(80) > connections);
        assertEquals(2, log.requests("http"));
        for (int i = 0; i < 3; i++) {
            get(c, url("http", a, 80, "/"), "Authorization", BasicAuth.header(new Credentials("admin", "guess" + i)));
        }
        assertEquals(3, log.loginAttempts("http"));
        assertEquals(0, log.successfulLogins("http"));
        assertEquals(3, log.intrusive());
        assertEquals(0, LAB.lab().traffic(WeakRouter.NAME).intrusive(), "the other device saw nothing");
        TrafficLog.Event last = log.events(TrafficLog.Kind.LOGIN_ATTEMPT).get(2);
        assertEquals("user=admin", last.detail());
        assertFalse(last.success());
        assertTrue(last.peer().startsWith("127."));
    }
}
