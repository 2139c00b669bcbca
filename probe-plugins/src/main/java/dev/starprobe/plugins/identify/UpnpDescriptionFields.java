package dev.starprobe.plugins.identify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifying fields of a UPnP device description (deviceType, manufacturer, modelName,
 * modelNumber, serialNumber, UDN) of the root device. A bounded regex scan rather than an XML parser: no entity or DTD
 * processing can be triggered by the device, and only the first occurrence (the root device) counts.
 */
final class UpnpDescriptionFields {
    static final String[] FIELDS = {"deviceType", "manufacturer", "modelName", "modelNumber", "serialNumber", "UDN"};
    static final int MAX_VALUE = 128;

    private UpnpDescriptionFields() {
    }

    static Map<String, String> parse(String xml) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            Matcher m = Pattern.compile("<(?:\\w+:)?" + f + ">\\s*([^<]{1," + MAX_VALUE + "}?)\\s*</(?:\\w+:)?" + f + ">").matcher(xml);
            if (m.find()) out.put("upnp." + f, Printable.banner(m.group(1).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        return out;
    }
}
