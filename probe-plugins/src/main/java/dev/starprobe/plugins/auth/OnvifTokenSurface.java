package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ONVIF's device service behind WS-Security: GetDeviceInformation with a UsernameToken whose PasswordDigest is
 * Base64(SHA-1(nonce + created + password)). Found when the request without a token is refused with ONVIF's
 * NotAuthorized fault; a service that answers without a token has no authentication here. Created follows the
 * device's clock (GetSystemDateAndTime, which ONVIF serves to anyone), as cameras refuse stale tokens.
 */
final class OnvifTokenSurface implements LoginSurface {
    static final String PATH = "/onvif/device_service";
    private static final String SOAP = "application/soap+xml; charset=utf-8";
    private static final String BODY = "<s:Body><GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body>";
    private static final Pattern NUMBER = Pattern.compile("<(?:[\\w.-]+:)?(Year|Month|Day|Hour|Minute|Second)>\\s*(\\d{1,4})\\s*<");
    private static final Pattern SUBCODE = Pattern.compile("Subcode>\\s*<(?:[\\w.-]+:)?Value>([^<]{1,64})<");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthHttp http;
    private final Duration clockOffset;

    private OnvifTokenSurface(AuthHttp http, Duration clockOffset) {
        this.http = http;
        this.clockOffset = clockOffset;
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException {
        AuthHttp http = AuthHttp.of(ctx, svc);
        AuthHttp.Result r = http.post(PATH, SOAP, envelope(""));
        // ONVIF's own refusal, the NotAuthorized fault: a bare 401 may be a filter in front of every path
        boolean refused = (r.status() / 100 == 4 || r.status() == 500) && r.body().contains("NotAuthorized");
        if (!refused) return List.of();
        return List.of(new OnvifTokenSurface(http, clockOffset(http)));
    }

    /** Device clock minus ours, from GetSystemDateAndTime's UTCDateTime; zero when it cannot be read. */
    private static Duration clockOffset(AuthHttp http) {
        try {
            AuthHttp.Result r = http.post(PATH, SOAP, envelope("").replace(BODY,
                    "<s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body>"));
            int utc = r.body().indexOf("UTCDateTime");
            if (r.status() != 200 || utc < 0) return Duration.ZERO;
            int[] v = new int[6];
            Matcher m = NUMBER.matcher(r.body().substring(utc));
            List<String> order = List.of("Year", "Month", "Day", "Hour", "Minute", "Second");
            while (m.find()) v[order.indexOf(m.group(1))] = Integer.parseInt(m.group(2));
            Instant device = LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5]).toInstant(ZoneOffset.UTC);
            return Duration.between(Instant.now(), device);
        } catch (IOException | RuntimeException e) {
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
        String token = "<s:Header><wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-secext-1.0.xsd\" xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-utility-1.0.xsd\"><wsse:UsernameToken><wsse:Username>" + xml(user)
                + "</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-"
                + "token-profile-1.0#PasswordDigest\">" + digest(nonce, created, password) + "</wsse:Password><wsse:Nonce"
                + " EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + created
                + "</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>";
        AuthHttp.Result r = http.post(PATH, SOAP, envelope(token));
        boolean positive = r.status() == 200 && r.body().contains("GetDeviceInformationResponse");
        Matcher sub = SUBCODE.matcher(r.body());
        String fault = sub.find() ? " fault " + sub.group(1).strip() : "";
        String signature = r.status() + fault + (positive ? " device information" : "");
        return new Observation(signature, positive, Surfaces.lockoutStatus(r), r.summary() + fault
                + (positive ? " GetDeviceInformationResponse" : ""));
    }

    private static String envelope(String header) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
                + header + BODY + "</s:Envelope>";
    }

    static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
