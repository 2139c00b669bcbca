package dev.starprobe.lab;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * What a simulated device received, like OkHttp's MockWebServer: exact counters per (kind, service, port)
 * plus the most recent {@value #MAX_EVENTS} events in arrival order. Thread-safe.
 */
public final class TrafficLog {
    public static final int MAX_EVENTS = 10_000;

    /** What happened. WRITE marks a state-changing (intrusive) request; MALFORMED a request the device rejected as unparsable. */
    public enum Kind { CONNECTION, REQUEST, LOGIN_ATTEMPT, WRITE, TLS_HANDSHAKE, MALFORMED }

    /**
     * One event. {@code service} is the protocol name of the service (as in {@link ServiceTruth#protocol()});
     * {@code success} is meaningful for LOGIN_ATTEMPT (credentials accepted), WRITE (applied) and TLS_HANDSHAKE.
     */
    public record Event(Instant at, Kind kind, String service, int port, String peer, String detail, boolean success) {}

    private record Key(Kind kind, String service, int port, boolean success) {}

    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Event> events = new ConcurrentLinkedDeque<>();
    private final AtomicInteger eventCount = new AtomicInteger();

    public void record(Kind kind, String service, int port, InetSocketAddress peer, String detail, boolean success) {
        counters.computeIfAbsent(new Key(kind, service, port, success), k -> new LongAdder()).increment();
        String p = peer == null ? "" : peer.getAddress().getHostAddress() + ":" + peer.getPort();
        events.addLast(new Event(Instant.now(), kind, service, port, p, detail == null ? "" : detail, success));
        if (eventCount.incrementAndGet() > MAX_EVENTS) {
            events.pollFirst();
            eventCount.decrementAndGet();
        }
    }

    /** Connections accepted on a port (TCP) or datagrams received (UDP). */
    public int connections(int port) {
        return sum(k -> k.kind == Kind.CONNECTION && k.port == port);
    }

    public int connections(String service) {
        return sum(k -> k.kind == Kind.CONNECTION && k.service.equals(service));
    }

    public int connections() {
        return sum(k -> k.kind == Kind.CONNECTION);
    }

    public int requests(String service) {
        return sum(k -> k.kind == Kind.REQUEST && k.service.equals(service));
    }

    /** Authentication attempts (any credentials presented) on one service. */
    public int loginAttempts(String service) {
        return sum(k -> k.kind == Kind.LOGIN_ATTEMPT && k.service.equals(service));
    }

    /** Authentication attempts on every service of the device. */
    public int loginAttempts() {
        return sum(k -> k.kind == Kind.LOGIN_ATTEMPT);
    }

    public int successfulLogins(String service) {
        return sum(k -> k.kind == Kind.LOGIN_ATTEMPT && k.service.equals(service) && k.success);
    }

    /** State-changing requests (writes, commands, port mappings), applied or refused. */
    public int writes() {
        return sum(k -> k.kind == Kind.WRITE);
    }

    public int writes(String service) {
        return sum(k -> k.kind == Kind.WRITE && k.service.equals(service));
    }

    public int malformed() {
        return sum(k -> k.kind == Kind.MALFORMED);
    }

    /** Traffic a "safe" scan must not cause: login attempts, writes and malformed input. */
    public int intrusive() {
        return loginAttempts() + writes() + malformed();
    }

    public int count(Kind kind, String service) {
        return sum(k -> k.kind == kind && (service == null || k.service.equals(service)));
    }

    /** The most recent events, oldest first. */
    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<Event> events(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    public void clear() {
        counters.clear();
        events.clear();
        eventCount.set(0);
    }

    private int sum(Predicate<Key> p) {
        long n = 0;
        for (Map.Entry<Key, LongAdder> e : counters.entrySet()) {
            if (p.test(e.getKey())) n += e.getValue().sum();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public String toString() {
        return "TrafficLog" + Objects.toString(counters);
    }
}
