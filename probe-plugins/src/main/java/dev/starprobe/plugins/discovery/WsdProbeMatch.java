package dev.starprobe.plugins.discovery;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A WS-Discovery ProbeMatch (WS-Discovery 2005/04, as ONVIF devices use it): the types the device
 * implements, its scopes (ONVIF puts name, hardware and location there) and service addresses.
 */
record WsdProbeMatch(String relatesTo, List<String> types, List<String> scopes, List<String> xaddrs) {
    static final int MAX_ITEMS = 32;

    static WsdProbeMatch parse(byte[] xml) throws ParseException {
        Document doc = SafeXml.parse(xml);
        ParseException.require("Envelope".equals(doc.getDocumentElement().getLocalName()), "not a SOAP envelope");
        Element match = SafeXml.first(doc.getDocumentElement(), "ProbeMatch");
        ParseException.require(match != null, "no ProbeMatch in the message");
        Element rel = SafeXml.first(doc.getDocumentElement(), "RelatesTo");
        return new WsdProbeMatch(rel == null ? null : rel.getTextContent().strip(),
                words(SafeXml.childText(match, "Types")), words(SafeXml.childText(match, "Scopes")),
                words(SafeXml.childText(match, "XAddrs")));
    }

    private static List<String> words(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.strip().split("\\s+")).limit(MAX_ITEMS).map(Printable::hint).toList();
    }

    /** Local part of each type QName ("dn:NetworkVideoTransmitter" gives "NetworkVideoTransmitter"). */
    List<String> typeNames() {
        return types.stream().map(t -> t.substring(t.indexOf(':') + 1)).toList();
    }

    /** ONVIF devices are video transmitters, or carry onvif:// scopes. */
    boolean isOnvif() {
        return typeNames().contains("NetworkVideoTransmitter") || scopes.stream().anyMatch(s -> s.startsWith("onvif://"));
    }

    /** The value of an ONVIF scope such as onvif://www.onvif.org/name/Front%20Door, decoded. */
    String onvifScope(String key) {
        String prefix = "onvif://www.onvif.org/" + key + "/";
        List<String> found = new ArrayList<>();
        for (String s : scopes) {
            if (s.startsWith(prefix)) {
                try {
                    found.add(URLDecoder.decode(s.substring(prefix.length()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    found.add(s.substring(prefix.length()));
                }
            }
        }
        return found.isEmpty() ? null : Printable.hint(String.join(" ", found));
    }
}
