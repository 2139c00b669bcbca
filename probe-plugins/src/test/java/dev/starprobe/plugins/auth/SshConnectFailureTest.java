package dev.starprobe.plugins.auth;

import org.apache.sshd.common.SshException;
import org.apache.sshd.common.session.helpers.MissingAttachedSessionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A unit that drops a source after failed logins accepts the TCP connection and closes it before the SSH
 * session exists; the client library then fails the connect. That is a refusal of this source (a lockout
 * sign), while a refused or unanswered TCP connect is no SSH answer at all.
 */
class SshConnectFailureTest {
    @Test
    void anAcceptedConnectionClosedBeforeTheSessionIsTheServerClosingIt() {
        assertTrue(SshPasswordSurface.closedByServer(new SshException("Failed (MissingAttachedSessionException) to execute",
                new MissingAttachedSessionException("No session attached"))));
        assertTrue(SshPasswordSurface.closedByServer(new IOException("wrapped", new java.io.EOFException())));
        assertTrue(SshPasswordSurface.closedByServer(new IOException("Connection reset by peer")));
    }

    @Test
    void noConnectionAtAllIsNotAClose() {
        assertFalse(SshPasswordSurface.closedByServer(new SshException("connect failed", new ConnectException("Connection refused"))));
        assertFalse(SshPasswordSurface.closedByServer(new IOException("something else")));
    }
}
