package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.auth.WsUsernameToken;
import dev.starprobe.lab.devices.DeviceIdentity;
import dev.starprobe.lab.http.HttpExchange;
import dev.starprobe.lab.http.HttpHandler;
import dev.starprobe.lab.http.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The ONVIF device service (POST /onvif/device_service): GetSystemDateAndTime for anyone (as ONVIF requires),
 * GetDeviceInformation for anyone or, with a login gate, only with a valid WS-Security UsernameToken.
 */
public final class OnvifDeviceService implements HttpHandler {
    public static final String PATH = "/onvif/device_service";
    private static final String ENV_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" "
            + "xmlns:ter=\"http://www.onvif.org/ver10/error\"><SOAP-ENV:Body>";
    private static final String ENV_END = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

    /** How far a token's Created may be from the device clock when tokens are checked for freshness. */
    public static final java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    private static final int MAX_NONCES = 10_000;

    private final DeviceIdentity identity;
    private final LoginGate gate;
    private final java.util.Set<String> seenNonces = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param gate null when GetDeviceInformation needs no authentication; otherwise tokens must also be fresh
     *             (Created within {@link #MAX_CLOCK_SKEW}) and their nonce unused, so a captured request cannot be replayed
     */
    public OnvifDeviceService(DeviceIdentity identity, LoginGate gate) {
        this.identity = identity;
        this.gate = gate;
    }

    private boolean fresh(WsUsernameToken t) {
        try {
            java.time.Instant created = java.time.Instant.parse(t.created());
            if (java.time.Duration.between(created, java.time.Instant.now()).abs().compareTo(MAX_CLOCK_SKEW) > 0) return false;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
        if (t.nonce().length == 0) return false;
        if (seenNonces.size() > MAX_NONCES) seenNonces.clear();
        return seenNonces.add(java.util.Base64.getEncoder().encodeToString(t.nonce()));
    }

    @Override
    public FullHttpResponse handle(HttpExchange ex) {
        String body = ex.body();
        if (body.contains("GetSystemDateAndTime")) {
            ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC);
            return Responses.soap(HttpResponseStatus.OK, ENV_START + "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
                    + "<tt:DateTimeType>NTP</tt:DateTimeType><tt:UTCDateTime><tt:Time><tt:Hour>" + t.getHour()
                    + "</tt:Hour><tt:Minute>" + t.getMinute() + "</tt:Minute><tt:Second>" + t.getSecond()
                    + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear() + "</tt:Year><tt:Month>" + t.getMonthValue()
                    + "</tt:Month><tt:Day>" + t.getDayOfMonth() + "</tt:Day></tt:Date></tt:UTCDateTime>"
                    + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>" + ENV_END);
        }
        if (!body.contains("GetDeviceInformation")) {
            return fault(HttpResponseStatus.BAD_REQUEST, "SOAP-ENV:Receiver", "ter:ActionNotSupported", "Action not supported");
        }
        if (gate != null) {
            WsUsernameToken token = WsUsernameToken.parse(body);
            LoginGate.Outcome o = token == null ? null
                    : gate.attempt(ex.service(), ex.peer(), token.username(), stored -> token.proves(stored) && fresh(token));
            if (o == LoginGate.Outcome.LOCKED) {
                return Responses.locked(gate.lockout().retryAfterSeconds(ex.peer().getAddress()));
            }
            if (o == null || !o.ok()) {
                return fault(HttpResponseStatus.UNAUTHORIZED, "SOAP-ENV:Sender", "ter:NotAuthorized", "Sender not authorized");
            }
        }
        return Responses.soap(HttpResponseStatus.OK, ENV_START + "<tds:GetDeviceInformationResponse>"
                + "<tds:Manufacturer>" + identity.manufacturer() + "</tds:Manufacturer>"
                + "<tds:Model>" + identity.model() + "</tds:Model>"
                + "<tds:FirmwareVersion>" + identity.firmware() + "</tds:FirmwareVersion>"
                + "<tds:SerialNumber>" + identity.serial() + "</tds:SerialNumber>"
                + "<tds:HardwareId>" + identity.hardware() + "</tds:HardwareId>"
                + "</tds:GetDeviceInformationResponse>" + ENV_END);
    }

    private static FullHttpResponse fault(HttpResponseStatus status, String code, String subcode, String reason) {
        return Responses.soap(status, ENV_START + "<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>" + code
                + "</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>" + subcode + "</SOAP-ENV:Value></SOAP-ENV:Subcode>"
                + "</SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text xml:lang=\"en\">" + reason
                + "</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>" + ENV_END);
    }
}
