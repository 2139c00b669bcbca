package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.discovery.SnmpScalars;
import dev.starprobe.plugins.discovery.SnmpValue;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Does an SNMP v1/v2c agent take writes from anyone who knows a default community? For each {@code @snmp}
 * community of the credential data (the user's file first): an object of {@code snmp-write-objects.txt}
 * is read (GET, v2c and, when v2c gets no answer, v1), then SET to exactly the value just read, then read
 * again. A Response with error-status 0 is an accepted write; noAccess, notWritable, authorizationError
 * (v1: readOnly, noSuchName) or no answer while the agent still answers reads is a refusal. Should the
 * re-read differ, the original is SET back and the finding says so. An object that could not be read is
 * never written, and one accepted write ends the test.
 */
final class SnmpWrites {
    static final Duration WAIT = SnmpCommunitySurface.ANSWER_WAIT;
    static final int MAX_COMMUNITIES = 6;
    private static final List<Target> OBJECTS = DataLines.of("/dev/starprobe/plugins/auth/snmp-write-objects.txt").stream()
            .map(l -> l.split("\\s+", 2)).map(f -> new Target(f[0], f.length > 1 ? f[1] : f[0])).toList();
    /** error-status values that say "this community may not write this" (v2c and v1 forms). */
    private static final List<Integer> REFUSALS = List.of(2, 4, 6, 16, 17);

    record Target(String oid, String name) {
    }

    enum Outcome { ACCEPTED, REFUSED, SILENT, UNCLEAR }

    /** How one community fared, in words for the report. */
    record Tried(String community, Outcome outcome, String account) {
        String describe() {
            return "community '" + community + "' " + account;
        }
    }

    private SnmpWrites() {
    }

    static UnauthenticatedAccessCheck.Result test(CheckContext ctx, Service svc) throws IOException {
        String where = "SNMP v1/v2c on UDP port " + svc.port();
        List<String> communities = CredentialList.forKind(null, ctx.options(), "snmp", false).stream()
                .map(CredentialList.Entry::password).distinct().limit(MAX_COMMUNITIES).toList();
        if (communities.isEmpty()) {
            return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": the credential data holds no @snmp community to try");
        }
        List<Tried> tried = new ArrayList<>();
        try (SnmpUdp udp = SnmpUdp.open(ctx, svc.port())) {
            for (String c : communities) {
                Tried t = tryCommunity(udp, c);
                tried.add(t);
                if (t.outcome() == Outcome.ACCEPTED) break; // one accepted write proves it: spare the device
            }
        }
        return judge(ctx, svc.port(), where, tried);
    }

    private static UnauthenticatedAccessCheck.Result judge(CheckContext ctx, int port, String where, List<Tried> tried)
            throws IOException {
        Optional<Tried> accepted = tried.stream().filter(t -> t.outcome() == Outcome.ACCEPTED).findFirst();
        String others = tried.stream().filter(t -> t.outcome() != Outcome.ACCEPTED).map(Tried::describe)
                .collect(Collectors.joining("; "));
        if (accepted.isPresent()) {
            return new UnauthenticatedAccessCheck.Result(Verdict.FAIL, where + ": write community '" + accepted.get().community()
                    + "' accepts a SET: " + accepted.get().account() + (others.isEmpty() ? "" : "; " + others)
                    + ". Anyone who knows this default community can reconfigure the device");
        }
        String all = tried.stream().map(Tried::describe).collect(Collectors.joining("; "));
        if (tried.stream().anyMatch(t -> t.outcome() == Outcome.UNCLEAR)) {
            return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": write access could not be judged: " + all);
        }
        if (tried.stream().anyMatch(t -> t.outcome() == Outcome.REFUSED)) {
            return new UnauthenticatedAccessCheck.Result(Verdict.PASS, where + ": no default community can write: " + all);
        }
        String names = tried.stream().map(t -> "'" + t.community() + "'").collect(Collectors.joining(", "));
        if (SnmpCommunitySurface.answersV3Discovery(ctx, port)) {
            return new UnauthenticatedAccessCheck.Result(Verdict.PASS, where + ": no answer to a GET with any default community ("
                    + names + ", v2c and v1) while the agent answers SNMPv3 engine discovery: reading, let alone writing,"
                    + " needs SNMPv3 credentials or a community that is not a known default");
        }
        return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": no answer to a GET with any default community ("
                + names + ", v2c and v1), nor to SNMPv3 engine discovery: the agent may not be answering at all");
    }

    /** Reads, writes back and re-reads with one community. */
    private static Tried tryCommunity(SnmpUdp udp, String community) throws IOException {
        List<String> notes = new ArrayList<>();
        Integer version = null;
        for (Target object : OBJECTS) {
            Read read = version == null ? firstRead(udp, community, object) : read(udp, version, community, object);
            if (read.reply() == null) {
                if (version == null && read.stray() == null) return new Tried(community, Outcome.SILENT, "got no answer (v2c or v1)");
                String what = read.stray() == null ? "no answer" : "an answer that is no SNMP Response (" + read.stray().length + " bytes)";
                return new Tried(community, Outcome.UNCLEAR, join(notes, "GET " + object.name() + " got " + what));
            }
            version = read.reply().version();
            SnmpValue value = read.reply().values().get(object.oid());
            if (read.reply().errorStatus() != 0 || value == null || value.isException()) {
                notes.add(object.name() + " not readable (" + (read.reply().errorStatus() != 0
                        ? SnmpScalars.errorName(read.reply().errorStatus()) : value == null ? "not in the Response" : "no such object")
                        + "), so not written");
                continue;
            }
            Tried t = writeBack(udp, version, community, object, value, notes);
            if (t != null) return t;
        }
        if (version == null) return new Tried(community, Outcome.SILENT, "got no answer (v2c or v1)");
        if (notes.stream().allMatch(n -> n.contains("notWritable"))) {
            return new Tried(community, Outcome.REFUSED, "reads, but " + String.join("; ", notes));
        }
        return new Tried(community, Outcome.UNCLEAR, "reads, but " + String.join("; ", notes));
    }

    /** The SET of {@code value} to {@code object} and its outcome; null to go on with the next object. */
    private static Tried writeBack(SnmpUdp udp, int version, String community, Target object, SnmpValue value,
                                   List<String> notes) throws IOException {
        int id = nextId();
        byte[] reply = udp.ask(SnmpScalars.set(version, community, id, object.oid(), value), WAIT,
                d -> SnmpScalars.reply(d, id).isPresent()).mine();
        String set = "SET " + object.name() + " to its current value " + value.printable() + " (" + versionName(version) + ")";
        if (reply == null) {
            Read again = read(udp, version, community, object);
            if (again.reply() == null) return new Tried(community, Outcome.UNCLEAR, join(notes, set + " got no answer, nor did the re-read"));
            return new Tried(community, Outcome.REFUSED, join(notes, "reads, but " + set + " got no answer (dropped)"
                    + afterwards(udp, version, community, object, value, again)));
        }
        SnmpScalars.Reply r = SnmpScalars.reply(reply, id).orElseThrow();
        String status = SnmpScalars.errorName(r.errorStatus()) + " (" + r.errorStatus() + ")";
        if (r.errorStatus() == 0) {
            return new Tried(community, Outcome.ACCEPTED, join(notes, set + " answered " + status
                    + afterwards(udp, version, community, object, value, read(udp, version, community, object))));
        }
        if (r.errorStatus() == 17) { // notWritable: this object is read-only here, another one may not be
            notes.add(set + " answered " + status);
            return null;
        }
        if (REFUSALS.contains(r.errorStatus())) return new Tried(community, Outcome.REFUSED, join(notes, "reads, but " + set + " was refused: " + status));
        return new Tried(community, Outcome.UNCLEAR, join(notes, set + " answered " + status + ", neither an acceptance nor a refusal of access"));
    }

    /** The re-read after a SET, restoring {@code original} when it changed; the account for the report. */
    private static String afterwards(SnmpUdp udp, int version, String community, Target object, SnmpValue original, Read after)
            throws IOException {
        SnmpValue now = after.reply() == null ? null : after.reply().values().get(object.oid());
        if (now == null) return "; the re-read got no value, so the object's state afterwards is unknown";
        if (now.equals(original)) return "; re-read " + now.printable() + ": unchanged, nothing to restore";
        int id = nextId();
        udp.ask(SnmpScalars.set(version, community, id, object.oid(), original), WAIT, d -> SnmpScalars.reply(d, id).isPresent());
        Read restored = read(udp, version, community, object);
        SnmpValue back = restored.reply() == null ? null : restored.reply().values().get(object.oid());
        return "; re-read " + now.printable() + " (changed), original " + original.printable() + " SET back, now "
                + (back == null ? "unknown (no answer)" : back.printable() + (back.equals(original) ? " (restored)" : " (NOT restored)"));
    }

    /** A GET's Response, or none with the last datagram that was not one. */
    record Read(SnmpScalars.Reply reply, byte[] stray) {
    }

    /** The first read with a community: v2c, then v1 for agents that speak only v1 and drop v2c in silence. */
    private static Read firstRead(SnmpUdp udp, String community, Target object) throws IOException {
        Read v2 = read(udp, SnmpScalars.V2C, community, object);
        if (v2.reply() != null) return v2;
        Read v1 = read(udp, SnmpScalars.V1, community, object);
        return v1.reply() != null || v1.stray() != null ? v1 : v2;
    }

    private static Read read(SnmpUdp udp, int version, String community, Target object) throws IOException {
        int id = nextId();
        SnmpUdp.Answer a = udp.ask(SnmpScalars.get(version, community, id, List.of(object.oid())), WAIT,
                d -> SnmpScalars.reply(d, id).isPresent());
        return new Read(a.mine() == null ? null : SnmpScalars.reply(a.mine(), id).orElseThrow(), a.other());
    }

    private static String versionName(int version) {
        return version == SnmpScalars.V1 ? "v1" : "v2c";
    }

    private static int nextId() {
        return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    private static String join(List<String> notes, String last) {
        List<String> all = new ArrayList<>(notes);
        all.add(last);
        return String.join("; ", all);
    }
}
