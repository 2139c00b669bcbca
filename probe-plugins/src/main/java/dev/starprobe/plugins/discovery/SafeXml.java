package dev.starprobe.plugins.discovery;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * XML from devices (UPnP descriptions, WS-Discovery): no DOCTYPE at all (no entity expansion, no
 * external fetches), a size cap, and every failure as a {@link ParseException}.
 */
public final class SafeXml {
    static final int MAX_BYTES = 64 * 1024;

    private SafeXml() {
    }

    public static Document parse(byte[] xml) throws ParseException {
        ParseException.require(xml.length > 0, "empty XML");
        ParseException.require(xml.length <= MAX_BYTES, "XML larger than " + MAX_BYTES + " bytes");
        try {
            DocumentBuilder b = BUILDER.get();
            b.reset();
            b.setErrorHandler(null); // no stderr noise for hostile input: the exception carries the reason
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new ParseException("malformed XML: " + Printable.of(String.valueOf(e.getMessage()), 120));
        }
    }

    /** Builders are costly to make and not thread-safe: one per thread, reset before each use. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SafeXml::newBuilder);

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a safety feature", e);
        }
    }

    /** The first element named {@code local} (any namespace) below {@code from}, or null. */
    public static Element first(Node from, String local) {
        for (Node n = from.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (local.equals(e.getLocalName())) return e;
                Element deeper = first(e, local);
                if (deeper != null) return deeper;
            }
        }
        return null;
    }

    /** Text of the first direct child element named {@code local}, or null. */
    public static String childText(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) return e.getTextContent().strip();
        }
        return null;
    }
}
