package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.auth.OnvifSoap;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * ONVIF GetDeviceInformation behind a WS-Security UsernameToken: a fresh token has a new Nonce and a Created
 * on the device's clock; its replay is the same envelope (same Nonce, Created and digest) on a new connection.
 */
final class OnvifSurface implements NativeSurface {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NativeLink link;
    private final NativeRequest post;
    private final Duration clockOffset;

    OnvifSurface(NativeLink link, Duration clockOffset) {
        this.link = link;
        this.post = NativeRequest.httpPost(link.authority(), OnvifSoap.PATH, OnvifSoap.CONTENT_TYPE, "");
        this.clockOffset = clockOffset;
    }

    @Override
    public String describe() {
        return "ONVIF WS-UsernameToken on POST " + link.url(OnvifSoap.PATH) + " (GetDeviceInformation)";
    }

    @Override
    public String kind() {
        return "onvif";
    }

    @Override
    public Fresh fresh(String user, String password) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = Instant.now().plus(clockOffset).truncatedTo(ChronoUnit.SECONDS).toString();
        return Fresh.of(post.withBody(OnvifSoap.deviceInformation(OnvifSoap.tokenHeader(user, password, nonce, created))).bytes(null), null);
    }

    @Override
    public List<Replay> replays(Fresh legit, String user, String password) {
        return List.of(new Replay("verbatim on a new connection (the same UsernameToken: Nonce, Created and digest)", legit.bytes(), true));
    }

    @Override
    public Judge.Answer send(byte[] bytes) throws IOException {
        return link.send(bytes);
    }

    @Override
    public boolean positive(Judge.Answer a) {
        return OnvifSoap.deviceInformationAnswer(a.status(), a.body());
    }

    @Override
    public String freshnessNote() {
        return "a UsernameToken's digest covers its Nonce and Created; the device must remember used nonces and refuse old tokens";
    }
}
