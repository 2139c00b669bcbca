package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * ONVIF's device service behind WS-Security ({@link OnvifSoap}): GetDeviceInformation with a UsernameToken.
 * Found when the request without a token is refused with ONVIF's NotAuthorized fault; a service that answers
 * without a token has no authentication here. Created follows the device's clock (GetSystemDateAndTime, which
 * ONVIF serves to anyone), as cameras refuse stale tokens.
 */
final class OnvifTokenSurface implements LoginSurface {
    static final String PATH = OnvifSoap.PATH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthHttp http;
    private final Duration clockOffset;

    private OnvifTokenSurface(AuthHttp http, Duration clockOffset) {
        this.http = http;
        this.clockOffset = clockOffset;
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        AuthHttp http = AuthHttp.of(ctx, svc);
        AuthHttp.Result r = http.post(PATH, OnvifSoap.CONTENT_TYPE, OnvifSoap.deviceInformation(""));
        if (!OnvifSoap.notAuthorized(r.status(), r.body())) return List.of();
        return List.of(new OnvifTokenSurface(http, clockOffset(http)));
    }

    /** Device clock minus ours; zero when it cannot be read. */
    private static Duration clockOffset(AuthHttp http) {
        try {
            AuthHttp.Result r = http.post(PATH, OnvifSoap.CONTENT_TYPE, OnvifSoap.systemDateAndTime());
            return OnvifSoap.clockOffset(r.status(), r.body());
        } catch (IOException e) {
            return Duration.ZERO; // an unreadable clock only risks a stale token, which the baseline shows alike
        }
    }

    @Override
    public String describe() {
        return "ONVIF WS-UsernameToken on " + http.url(PATH);
    }

    @Override
    public String kind() {
        return "onvif";
    }

    @Override
    public Observation attempt(String user, String password) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = Instant.now().plus(clockOffset).truncatedTo(ChronoUnit.SECONDS).toString();
        AuthHttp.Result r = http.post(PATH, OnvifSoap.CONTENT_TYPE,
                OnvifSoap.deviceInformation(OnvifSoap.tokenHeader(user, password, nonce, created)));
        boolean positive = OnvifSoap.deviceInformationAnswer(r.status(), r.body());
        String sub = OnvifSoap.faultSubcode(r.body());
        String fault = sub == null ? "" : " fault " + sub;
        String signature = r.status() + fault + (positive ? " device information" : "");
        return new Observation(signature, positive, Surfaces.lockoutStatus(r), r.summary() + fault
                + (positive ? " GetDeviceInformationResponse" : ""));
    }
}
