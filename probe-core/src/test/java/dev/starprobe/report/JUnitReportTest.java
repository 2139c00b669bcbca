package dev.starprobe.report;

import dev.starprobe.policy.RequirementCatalogue;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitReportTest {
    private static final JUnitReport JUNIT = new JUnitReport(new RequirementRollup(RequirementCatalogue.builtIn()));

    static byte[] xml() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUNIT.write(ReportFixtures.hostileFarm(), out);
        return out.toByteArray();
    }

    static void validate(byte[] xml) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        Validator v = f.newSchema(new StreamSource(JUnitReportTest.class.getResourceAsStream("junit-ant.xsd"))).newValidator();
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element testcase(Document d, String suiteIndex, String namePrefix) {
        Element suite = (Element) d.getElementsByTagName("testsuite").item(Integer.parseInt(suiteIndex));
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").startsWith(namePrefix)) return c;
        }
        throw new AssertionError("no test case " + namePrefix);
    }

    @Test
    void isValidAgainstTheJUnitSchemaDespiteHostileText() throws Exception {
        byte[] xml = xml();
        assertDoesNotThrow(() -> validate(xml));
        String s = new String(xml, StandardCharsets.UTF_8);
        assertTrue(s.contains("\\x00\\x1b") || !s.contains("\u0000"), "control characters never reach the XML");
    }

    @Test
    void theSchemaRejectsWhatCiServersWouldReject() {
        String bad = "<testsuites><testsuite name=\"x\" tests=\"NaN\" failures=\"0\" errors=\"0\"/></testsuites>";
        assertThrows(SAXException.class, () -> validate(bad.getBytes(StandardCharsets.UTF_8)));
        String twoOutcomes = "<testsuite name=\"x\" tests=\"1\" failures=\"1\" errors=\"1\"><testcase name=\"a\" classname=\"b\">"
                + "<failure/><error/></testcase></testsuite>";
        assertThrows(SAXException.class, () -> validate(twoOutcomes.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneSuitePerDeviceWithOneCasePerStarItemAndPerCheckRun() throws Exception {
        Document d = dom(xml());
        NodeList suites = d.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        Element camera = (Element) suites.item(0);
        assertEquals(String.valueOf(16 + 9), camera.getAttribute("tests"));
        assertEquals("198.18.0.12", camera.getAttribute("hostname"));
        Element silent = (Element) suites.item(2);
        assertEquals("16", silent.getAttribute("tests"));
        assertEquals("16", silent.getAttribute("skipped"), "nothing tested is nothing passed");
    }

    @Test
    void verdictsMapToJUnitOutcomes() throws Exception {
        Document d = dom(xml());
        Element fail = testcase(d, "0", "S1.1-12 ");
        assertEquals("FAIL", ((Element) fail.getElementsByTagName("failure").item(0)).getAttribute("type"));
        assertTrue(fail.getTextContent().contains("evidence/x/0001-cleartext.telnet.txt"), "the failure leads to its evidence");
        assertEquals(1, testcase(d, "0", "S1.1-02 ").getElementsByTagName("error").getLength());
        Element inconclusive = (Element) testcase(d, "0", "S1.1-04 ").getElementsByTagName("skipped").item(0);
        assertTrue(inconclusive.getAttribute("message").startsWith("INCONCLUSIVE"));
        Element untestable = (Element) testcase(d, "0", "S1.1-07 ").getElementsByTagName("skipped").item(0);
        assertTrue(untestable.getAttribute("message").startsWith("not testable over the network"));
        assertEquals(0, testcase(d, "0", "S1.1-01 ").getChildNodes().getLength(), "PASS has no outcome element");
        Element timedOut = (Element) testcase(d, "0", "tls.protocols ").getElementsByTagName("error").item(0);
        assertEquals("TIMED_OUT", timedOut.getAttribute("type"));
        assertTrue(((Element) testcase(d, "0", "auth.brute ").getElementsByTagName("skipped").item(0))
                .getAttribute("message").contains("not allowed"));
        assertEquals(1, testcase(d, "0", "cleartext.telnet ").getElementsByTagName("failure").getLength());
        assertEquals(1, testcase(d, "0", "ports.debug device").getElementsByTagName("failure").getLength(),
                "a device-level run fails when its finding names a service");
    }
}
