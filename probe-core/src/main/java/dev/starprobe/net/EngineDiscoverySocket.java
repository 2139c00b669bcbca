package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.DiscoverySocket;
import dev.starprobe.spi.LinkInfo;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Transcript;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The discovery socket: multicast is pinned (IP_MULTICAST_IF, TTL 1, no loopback) and only allowed
 * when discovery is pinned to an interface; sends are paced to the user's packet rate so a sweep
 * stays polite whatever the discoverer does.
 */
public final class EngineDiscoverySocket implements DiscoverySocket {
    private final DatagramSocket socket;
    private final boolean pinned;
    private final ScopeGuard guard;
    private final ScopeGuard multicastGuard;
    private final String requestedBy;
    private final long gapNanos;
    private final BoundedTranscript transcript;
    private final byte[] buffer = new byte[MAX_DATAGRAM + 1];
    private long nextSend;

    private EngineDiscoverySocket(DatagramSocket socket, boolean pinned, ScopeGuard guard, String requestedBy,
                                  double packetsPerSecond, int transcriptCap) {
        this.socket = socket;
        this.pinned = pinned;
        this.guard = guard;
        this.multicastGuard = guard.withMulticast();
        this.requestedBy = requestedBy;
        this.gapNanos = packetsPerSecond <= 0 ? 0 : (long) (1e9 / packetsPerSecond);
        this.transcript = new BoundedTranscript(requestedBy + " @ " + socket.getLocalSocketAddress(), transcriptCap);
    }

    /** @param link the pinned interface, or null for a unicast-only socket on the wildcard address */
    public static EngineDiscoverySocket open(LinkInfo link, ScopeGuard guard, String requestedBy,
                                             double packetsPerSecond, int transcriptCap) throws NetworkException {
        try {
            DatagramSocket s;
            if (link != null) {
                NetworkInterface nif = InterfaceResolver.byIndex(link.index());
                if (nif == null) throw new IOException("interface " + link.name() + " disappeared");
                MulticastSocket m = new MulticastSocket(new InetSocketAddress(link.address(), 0));
                m.setNetworkInterface(nif);
                m.setTimeToLive(1);                 // link-local: never routed beyond the test LAN
                m.setOption(java.net.StandardSocketOptions.IP_MULTICAST_LOOP, false);
                s = m;
            } else {
                s = new DatagramSocket(new InetSocketAddress(0));
            }
            return new EngineDiscoverySocket(s, link != null, guard, requestedBy, packetsPerSecond, transcriptCap);
        } catch (IOException e) {
            throw new NetworkException(NetworkFailure.OTHER, "cannot open a discovery socket: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void send(InetSocketAddress to, byte[] payload) throws NetworkException {
        if (to.getAddress().isMulticastAddress()) {
            if (!pinned) {
                guard.check(to.getAddress(), requestedBy); // refuses and records: multicast needs a pinned interface
            }
            multicastGuard.check(to.getAddress(), requestedBy);
        } else {
            guard.check(to.getAddress(), requestedBy);
        }
        pace();
        transcript.event("to " + to.getAddress().getHostAddress() + ":" + to.getPort());
        transcript.sent(payload);
        try {
            socket.send(new DatagramPacket(payload, payload.length, to));
        } catch (IOException e) {
            throw new NetworkException(Failures.classify(e), "send to " + to + ": " + e.getMessage(), e);
        }
    }

    private synchronized void pace() throws NetworkException {
        long now = System.nanoTime();
        if (nextSend > now) {
            try {
                TimeUnit.NANOSECONDS.sleep(nextSend - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(NetworkFailure.OTHER, "interrupted");
            }
            now = nextSend;
        }
        nextSend = now + gapNanos;
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws NetworkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) return Optional.empty();
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (IOException e) {
                if (socket.isClosed()) return Optional.empty();
                throw new NetworkException(Failures.classify(e), "receive: " + e.getMessage(), e);
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            if (guard.whyRefused(from.getAddress()) != null) continue; // answers from outside the scope are ignored
            boolean truncated = p.getLength() > MAX_DATAGRAM;
            byte[] data = Arrays.copyOf(buffer, Math.min(p.getLength(), MAX_DATAGRAM));
            transcript.event("from " + from.getAddress().getHostAddress() + ":" + from.getPort()
                    + (truncated ? " (truncated)" : ""));
            transcript.received(data);
            return Optional.of(new Datagram(from, data, truncated));
        }
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void close() {
        socket.close();
    }
}
