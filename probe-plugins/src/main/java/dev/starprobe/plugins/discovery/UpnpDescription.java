package dev.starprobe.plugins.discovery;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;

/** The root device of a UPnP device description (UDA 1.1 §2.3): who made it and what it is. */
record UpnpDescription(Map<String, String> fields) {
    /** Description elements kept, in hint-name order. */
    static final String[] FIELDS = {"deviceType", "friendlyName", "manufacturer", "modelName", "modelNumber",
            "serialNumber", "modelDescription"};

    static UpnpDescription parse(byte[] xml) throws ParseException {
        Document doc = SafeXml.parse(xml);
        Element root = doc.getDocumentElement();
        ParseException.require("root".equals(root.getLocalName()), "not a UPnP description: root element is <"
                + Printable.of(String.valueOf(root.getLocalName()), 40) + ">");
        Element device = SafeXml.first(root, "device");
        ParseException.require(device != null, "UPnP description without <device>");
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = SafeXml.childText(device, f);
            if (v != null && !v.isEmpty()) out.put(f, Printable.hint(v));
        }
        ParseException.require(out.containsKey("deviceType"), "UPnP description without deviceType");
        return new UpnpDescription(out);
    }
}
