package dev.starprobe.plugins.replay;

import java.io.IOException;
import java.util.List;

/**
 * Where a device takes a login with every request (no session to replay around): HTTP/RTSP Basic or Digest,
 * an ONVIF UsernameToken. Found without logging in; builds fresh authenticated read requests the way a
 * client would, and the replays of one of them.
 */
interface NativeSurface {
    /** e.g. "HTTP Digest on GET https://…:443/" */
    String describe();

    /** The credential family (the name of a supplied credential that fits it). */
    String kind();

    /** A new legitimate request for this login (a new challenge answered, a new token), or why none can be made. */
    Fresh fresh(String user, String password) throws IOException;

    /** The replays of {@code legit}, in order. */
    List<Replay> replays(Fresh legit, String user, String password);

    /** Sends one request on a new connection. */
    Judge.Answer send(byte[] request) throws IOException;

    /** Whether an answer is the protected read itself (the page, the SDP, the device information). */
    boolean positive(Judge.Answer a);

    /** What the scheme does about freshness, for the finding. */
    String freshnessNote();

    /**
     * @param bytes     the request, or null when it could not be built
     * @param challenge the challenge it answers (Digest), or null
     * @param problem   why it could not be built (a challenge withdrawn, no answer), or null
     */
    record Fresh(byte[] bytes, String challenge, String problem) {
        static Fresh of(byte[] bytes, String challenge) {
            return new Fresh(bytes, challenge, null);
        }

        static Fresh failed(String problem) {
            return new Fresh(null, null, problem);
        }
    }

    /** @param judged false for a replay the protocol allows (Digest's nonce count + 1), which is shown, not judged */
    record Replay(String name, byte[] bytes, boolean judged) {
    }
}
