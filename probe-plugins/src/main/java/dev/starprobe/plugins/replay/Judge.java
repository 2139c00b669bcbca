package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.wire.MqttWire;

import java.util.List;
import java.util.Locale;

/**
 * Decides from an answer whether a replayed request was accepted, by comparing it with the answer to the
 * legitimate request: a refusal (error status, or refusal text the original answer did not have) is
 * REJECTED; the same success again is ACCEPTED; anything else, or no original to compare with, is UNKNOWN.
 */
final class Judge {
    private Judge() {
    }

    static Decision http(ReplayRequest.HttpAnswer original, int status, String body) {
        if (status <= 0) return Decision.unknown("no HTTP response");
        String marker = newMarker(original == null ? "" : original.body(), body);
        if (status >= 400) return Decision.rejected("HTTP " + status + (marker == null ? "" : " ('" + marker + "')"));
        if (original == null) return Decision.unknown("HTTP " + status + ", but the answer to the legitimate request is unknown");
        if (original.status() >= 400) return Decision.unknown("the legitimate request itself was refused (HTTP " + original.status() + ")");
        if (marker != null) return Decision.rejected("HTTP " + status + " with refusal text '" + marker + "'");
        if (status == original.status() && sameOutcome(original.body(), body)) {
            return Decision.accepted("HTTP " + status + " with the same answer as the legitimate request");
        }
        return Decision.unknown("HTTP " + status + " (original " + original.status() + ") with a different answer");
    }

    static Decision coap(ReplayRequest.CoapAnswer original, String code, String payload) {
        if (code == null) return Decision.unknown("no CoAP response");
        String marker = newMarker(original == null ? "" : original.payload(), payload);
        if (code.startsWith("4.") || code.startsWith("5.")) return Decision.rejected("CoAP " + code + (marker == null ? "" : " ('" + marker + "')"));
        if (original == null) return Decision.unknown("CoAP " + code + ", but the answer to the legitimate request is unknown");
        if (!original.code().startsWith("2.")) return Decision.unknown("the legitimate request itself was refused (CoAP " + original.code() + ")");
        if (marker != null) return Decision.rejected("CoAP " + code + " with refusal text '" + marker + "'");
        if (code.equals(original.code()) && sameOutcome(original.payload(), payload)) {
            return Decision.accepted("CoAP " + code + " with the same answer as the legitimate request");
        }
        return Decision.unknown("CoAP " + code + " (original " + original.code() + ") with a different answer");
    }

    static Decision mqtt(ReplayRequest.MqttAnswers original, List<MqttWire.Publish> received) {
        if (original == null || original.messages().isEmpty()) {
            return Decision.unknown("the capture shows no message answering the legitimate command, so its effect cannot be observed");
        }
        for (MqttWire.Publish o : original.messages()) {
            for (MqttWire.Publish r : received) {
                if (!r.topic().equals(o.topic()) || r.retain()) continue;
                String marker = newMarker(o.text(), r.text());
                if (marker != null) return Decision.rejected("answer on " + r.topic() + " with refusal text '" + marker + "'");
                if (sameOutcome(o.text(), r.text())) return Decision.accepted("the same answer as to the legitimate command on " + r.topic());
            }
        }
        return received.isEmpty() ? Decision.unknown("no answer on " + original.messages().stream().map(MqttWire.Publish::topic).distinct().toList())
                : Decision.unknown("answers differ from those to the legitimate command");
    }

    /** An answer to an authenticated request: status (HTTP or RTSP) and body. */
    record Answer(int status, String body, boolean throttled) {
        String summary() {
            return status + " (" + body.length() + "-byte body)";
        }
    }

    /**
     * A byte-identical (or nonce-reusing) copy of an authenticated request that {@code legit} answered, judged
     * against that answer and the answer to a deliberately wrong credential: ACCEPTED only when the replay got
     * what the valid credential got and a wrong one does not; REJECTED when it got the wrong credential's
     * answer, an authentication refusal (401/403) or another 4xx, or refusal text the legitimate answer lacks;
     * UNKNOWN when the two baselines cannot be told apart, on throttling, on 5xx, or on any other answer.
     */
    static Decision againstBaselines(Answer legit, Answer wrong, Answer replay) {
        if (replay == null || replay.status() <= 0) return Decision.unknown("no answer");
        if (replay.throttled()) return Decision.unknown(replay.status() + ", a sign of throttling or lockout, not of the replay");
        boolean statusTells = legit.status() != wrong.status();
        if (!statusTells && sameOutcome(legit.body(), wrong.body())) {
            return Decision.unknown("the valid and the wrong credential got the same answer (" + legit.summary() + ")");
        }
        if (replay.status() == legit.status() && sameOutcome(legit.body(), replay.body())) {
            return Decision.accepted(replay.status() + " with the legitimate request's answer, which a wrong password does not get ("
                    + wrong.status() + ")");
        }
        if (replay.status() == wrong.status() && sameOutcome(wrong.body(), replay.body())) {
            return Decision.rejected(replay.status() + ", the answer a wrong password gets");
        }
        if (replay.status() == 401 || replay.status() == 403) return Decision.rejected(replay.status() + " (authentication refused)");
        String marker = newMarker(legit.body(), replay.body());
        if (replay.status() / 100 == 4) return Decision.rejected(replay.status() + (marker == null ? "" : " ('" + marker + "')")
                + " (the legitimate request got " + legit.status() + ")");
        if (replay.status() / 100 == 2 && marker != null) return Decision.rejected(replay.status() + " with refusal text '" + marker + "'");
        return Decision.unknown(replay.summary() + ", neither the legitimate (" + legit.summary() + ") nor the wrong-password ("
                + wrong.summary() + ") answer");
    }

    /** Whether two answers are the same once counters and times are masked. */
    static boolean sameAnswer(Answer a, Answer b) {
        return a.status() == b.status() && sameOutcome(a.body(), b.body());
    }

    /** The first refusal marker in {@code replay} that {@code original} does not contain. */
    static String newMarker(String original, String replay) {
        String o = original.toLowerCase(Locale.ROOT);
        String r = replay.toLowerCase(Locale.ROOT);
        for (String m : ReplayData.STOCK.rejectionMarkers) if (r.contains(m) && !o.contains(m)) return m;
        return null;
    }

    /** Equal once numbers and long hex runs (counters, times, ids) are masked. */
    static boolean sameOutcome(String a, String b) {
        return mask(a).equals(mask(b));
    }

    private static String mask(String s) {
        return s.trim().replaceAll("[0-9a-fA-F]{16,}", "H").replaceAll("\\d+(\\.\\d+)?", "N");
    }
}
