package dev.starprobe.cli;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads what the benchmark needs from nmap's XML output ({@code -oX -}): the open TCP ports of the
 * scanned host, nmap's own elapsed time and its exit status. A streaming parser with DTDs and
 * external entities switched off: nmap writes {@code <!DOCTYPE nmaprun>}, which must be accepted,
 * but nothing in it may be expanded or fetched.
 */
final class NmapXml {
    /** One host's full port list is ~3 KB when closed ports are summarised; 65,535 listed ports stay under 16 MB. */
    static final int MAX_BYTES = 32 << 20;

    /**
     * @param version   nmap's version attribute
     * @param args      the command line nmap recorded
     * @param open      open TCP ports, ascending
     * @param elapsed   seconds, as nmap measured them (10 ms resolution)
     * @param success   nmap's exit attribute said "success"
     * @param error     nmap's error message, or null
     * @param notShown  per state, the ports nmap summarised instead of listing (e.g. "65531 closed")
     */
    record Report(String version, String args, List<Integer> open, double elapsed, boolean success, String error,
                  List<String> notShown) {
    }

    /** The output was not nmap XML we can rely on; the message is fit for the user. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private NmapXml() {
    }

    static Report parse(byte[] xml) throws FormatException {
        if (xml.length == 0) throw new FormatException("nmap wrote no XML");
        if (xml.length > MAX_BYTES) throw new FormatException("nmap XML larger than " + MAX_BYTES + " bytes");
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        String version = null;
        String args = null;
        TreeSet<Integer> open = new TreeSet<>();
        List<String> notShown = new ArrayList<>();
        Double elapsed = null;
        String exit = null;
        String error = null;
        int hosts = 0;
        Integer portId = null;
        boolean tcp = false;
        try {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            boolean root = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.ENTITY_REFERENCE) throw new FormatException("entity reference in nmap XML");
                if (ev == XMLStreamConstants.END_ELEMENT && "port".equals(r.getLocalName())) portId = null;
                if (ev != XMLStreamConstants.START_ELEMENT) continue;
                switch (r.getLocalName()) {
                    case "nmaprun" -> {
                        root = true;
                        version = r.getAttributeValue(null, "version");
                        args = r.getAttributeValue(null, "args");
                    }
                    case "host" -> {
                        if (++hosts > 1) throw new FormatException("nmap reported more than one host");
                    }
                    case "extraports" -> notShown.add(r.getAttributeValue(null, "count") + " " + r.getAttributeValue(null, "state"));
                    case "port" -> {
                        tcp = "tcp".equals(r.getAttributeValue(null, "protocol"));
                        portId = port(r.getAttributeValue(null, "portid"));
                    }
                    case "state" -> {
                        if (portId != null && tcp && "open".equals(r.getAttributeValue(null, "state"))) open.add(portId);
                    }
                    case "finished" -> {
                        elapsed = seconds(r.getAttributeValue(null, "elapsed"));
                        exit = r.getAttributeValue(null, "exit");
                        error = r.getAttributeValue(null, "errormsg");
                    }
                    default -> {
                        // other elements (scaninfo, status, service, times...) are not needed
                    }
                }
            }
            if (!root) throw new FormatException("not nmap XML: no <nmaprun> element");
        } catch (XMLStreamException e) {
            throw new FormatException("malformed nmap XML: " + firstLine(e.getMessage()));
        }
        if (elapsed == null) throw new FormatException("nmap XML has no <finished elapsed=...>: the scan did not end");
        return new Report(version, args, List.copyOf(open), elapsed, "success".equals(exit), error, List.copyOf(notShown));
    }

    private static int port(String s) throws FormatException {
        try {
            int p = Integer.parseInt(String.valueOf(s));
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new FormatException("bad portid '" + s + "' in nmap XML");
    }

    private static double seconds(String s) throws FormatException {
        try {
            double v = Double.parseDouble(String.valueOf(s));
            if (v >= 0 && Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new FormatException("bad elapsed time '" + s + "' in nmap XML");
    }

    private static String firstLine(String s) {
        String m = String.valueOf(s).strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
