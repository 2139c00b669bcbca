package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.auth.Digest;
import dev.starprobe.plugins.replay.wire.HttpWire;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * HTTP or RTSP Basic / Digest on one read request (GET of a protected page, DESCRIBE of the stream). A Digest
 * login answers a challenge fetched just before (nonce count 1), as clients do. Replays: the legitimate
 * request byte for byte on a new connection (Basic: the same header; Digest: the same nonce, nonce count,
 * cnonce and response); for Digest with qop also the same nonce with the next nonce count, which RFC 7616
 * allows and which is therefore shown but not judged.
 */
final class ChallengeSurface implements NativeSurface {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NativeLink link;
    private final NativeRequest request;
    private final boolean digest;

    ChallengeSurface(NativeLink link, NativeRequest request, String challenge) {
        this.link = link;
        this.request = request;
        this.digest = Digest.isDigest(challenge);
    }

    @Override
    public String describe() {
        return (request.rtsp() ? "RTSP " : "HTTP ") + (digest ? "Digest" : "Basic") + " on " + request.method() + " "
                + (request.rtsp() ? request.target() : link.url(request.target()));
    }

    @Override
    public String kind() {
        return request.rtsp() ? "rtsp" : "http";
    }

    @Override
    public Fresh fresh(String user, String password) throws IOException {
        if (!digest) return Fresh.of(request.bytes(Digest.basic(user, password)), null);
        HttpWire.Message c = link.exchange(request.bytes(null));
        String ch = NativeLink.challenge(c);
        if (c == null) return Fresh.failed("no answer to the request for a Digest challenge");
        if (!Digest.isDigest(ch)) return Fresh.failed("the Digest challenge was withdrawn (" + c.status() + " " + c.reason() + ")");
        return Fresh.of(request.bytes(Digest.answer(ch, request.method(), request.target(), user, password, 1, cnonce())), ch);
    }

    @Override
    public List<Replay> replays(Fresh legit, String user, String password) {
        List<Replay> out = new ArrayList<>();
        out.add(new Replay("verbatim on a new connection (the same Authorization"
                + (digest ? ": same nonce, nonce count, cnonce and response)" : ")"), legit.bytes(), true));
        if (digest && Digest.hasQopAuth(legit.challenge())) {
            out.add(new Replay("with the same nonce and the next nonce count (00000002, new cnonce and response; RFC 7616 allows it)",
                    request.bytes(Digest.answer(legit.challenge(), request.method(), request.target(), user, password, 2, cnonce())),
                    false));
        }
        return out;
    }

    @Override
    public Judge.Answer send(byte[] bytes) throws IOException {
        return link.send(bytes);
    }

    @Override
    public boolean positive(Judge.Answer a) {
        return a.status() / 100 == 2;
    }

    @Override
    public String freshnessNote() {
        return digest ? "Digest binds each answer to a server nonce and, with qop, to a nonce count the server must see increase"
                : "Basic sends the password itself, with no nonce or timestamp, so a seen request is a reusable login"
                + (link.tls() || request.rtsp() ? "" : " (that it is sent in cleartext here is cleartext.http-credentials' finding)");
    }

    private static String cnonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
