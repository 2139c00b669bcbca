package dev.starprobe.plugins.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ONVIF device service's SOAP as the credential and replay checks speak it: GetDeviceInformation (a
 * read that needs a login on a device that protects it) with a WS-Security UsernameToken whose
 * PasswordDigest is Base64(SHA-1(nonce + created + password)), and GetSystemDateAndTime (served to anyone),
 * whose clock a token's Created must follow.
 */
public final class OnvifSoap {
    public static final String PATH = "/onvif/device_service";
    public static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    private static final String DEVICE_INFORMATION = "<s:Body><GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body>";
    private static final String DATE_AND_TIME = "<s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body>";
    private static final Pattern NUMBER = Pattern.compile("<(?:[\\w.-]+:)?(Year|Month|Day|Hour|Minute|Second)>\\s*(\\d{1,4})\\s*<");
    private static final Pattern SUBCODE = Pattern.compile("Subcode>\\s*<(?:[\\w.-]+:)?Value>([^<]{1,64})<");

    private OnvifSoap() {
    }

    /** GetDeviceInformation with {@code header} ("" for none, else a {@link #tokenHeader}). */
    public static String deviceInformation(String header) {
        return envelope(header, DEVICE_INFORMATION);
    }

    public static String systemDateAndTime() {
        return envelope("", DATE_AND_TIME);
    }

    private static String envelope(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
                + header + body + "</s:Envelope>";
    }

    /** A SOAP header with a UsernameToken (PasswordDigest) for {@code nonce} and {@code created}. */
    public static String tokenHeader(String user, String password, byte[] nonce, String created) {
        return "<s:Header><wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-secext-1.0.xsd\" xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-utility-1.0.xsd\"><wsse:UsernameToken><wsse:Username>" + xml(user)
                + "</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-"
                + "token-profile-1.0#PasswordDigest\">" + digest(nonce, created, password) + "</wsse:Password><wsse:Nonce"
                + " EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + created
                + "</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>";
    }

    /** ONVIF's own refusal, the NotAuthorized fault (a bare 401 may be a filter in front of every path). */
    public static boolean notAuthorized(int status, String body) {
        return (status / 100 == 4 || status == 500) && body.contains("NotAuthorized");
    }

    /** The device information itself. */
    public static boolean deviceInformationAnswer(int status, String body) {
        return status == 200 && body.contains("GetDeviceInformationResponse");
    }

    /** The SOAP fault subcode (e.g. "ter:NotAuthorized"), or null. */
    public static String faultSubcode(String body) {
        Matcher sub = SUBCODE.matcher(body);
        return sub.find() ? sub.group(1).strip() : null;
    }

    /** Device clock minus ours, from a GetSystemDateAndTime answer's UTCDateTime; zero when it holds none. */
    public static Duration clockOffset(int status, String body) {
        int utc = body.indexOf("UTCDateTime");
        if (status != 200 || utc < 0) return Duration.ZERO;
        try {
            int[] v = new int[6];
            Matcher m = NUMBER.matcher(body.substring(utc));
            List<String> order = List.of("Year", "Month", "Day", "Hour", "Minute", "Second");
            while (m.find()) v[order.indexOf(m.group(1))] = Integer.parseInt(m.group(2));
            Instant device = LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5]).toInstant(ZoneOffset.UTC);
            return Duration.between(Instant.now(), device);
        } catch (RuntimeException e) {
            return Duration.ZERO; // an unreadable clock only risks a stale token, which a baseline shows alike
        }
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
