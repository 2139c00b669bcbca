package dev.starprobe.lab.net;

import dev.starprobe.lab.TrafficLog;
import java.net.InetSocketAddress;

/** Where a protocol handler runs: its service name and port, and the device's traffic log. */
public record ServiceContext(String service, int port, TrafficLog log) {
    public void request(InetSocketAddress peer, String detail) {
        log.record(TrafficLog.Kind.REQUEST, service, port, peer, detail, true);
    }

    public void write(InetSocketAddress peer, String detail, boolean applied) {
        log.record(TrafficLog.Kind.WRITE, service, port, peer, detail, applied);
    }

    public void malformed(InetSocketAddress peer, String detail) {
        log.record(TrafficLog.Kind.MALFORMED, service, port, peer, detail, false);
    }

    public void login(InetSocketAddress peer, String user, boolean ok) {
        log.record(TrafficLog.Kind.LOGIN_ATTEMPT, service, port, peer, "user=" + user, ok);
    }
}
