package dev.starprobe.plugins.identify;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ONVIF GetDeviceInformation without credentials: a plain read that every ONVIF device understands.
 * The answer is either the device information (manufacturer, model, firmware, serial number, hardware id)
 * or a SOAP fault /
 * 401 that still proves an ONVIF device service is there ("present, auth required").
 */
final class OnvifDeviceInfo {
    static final String PATH = "/onvif/device_service";
    static final int MAX_VALUE = 96;
    private static final String BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";

    private OnvifDeviceInfo() {
    }

    static byte[] request(String host) {
        byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + PATH + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: StarProbe\r\n"
                + "Content-Type: application/soap+xml; charset=utf-8\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** Attributes for the service ("onvif", "onvif.manufacturer"...), empty when this is not ONVIF. */
    static Map<String, String> parse(String response) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(response);
        if (!status.find()) return out;
        int code = Integer.parseInt(status.group(1));
        if (code == 200 && response.contains("GetDeviceInformationResponse")) {
            out.put("onvif", "present, device information readable without authentication");
            for (String f : new String[]{"Manufacturer", "Model", "FirmwareVersion", "SerialNumber", "HardwareId"}) {
                Matcher m = Pattern.compile("<(?:\\w+:)?" + f + ">([^<]{1," + MAX_VALUE + "})</").matcher(response);
                if (m.find()) out.put("onvif." + Character.toLowerCase(f.charAt(0)) + f.substring(1),
                        Printable.banner(m.group(1).getBytes(StandardCharsets.ISO_8859_1)));
            }
        } else if ((code == 400 || code == 401 || code == 500)
                && (response.contains("ter:NotAuthorized") || response.contains("http://www.onvif.org/ver10/"))) {
            // an ONVIF fault (or one naming ONVIF's namespaces) rather than any web server's 401
            out.put("onvif", "present, auth required");
        }
        return out;
    }
}
