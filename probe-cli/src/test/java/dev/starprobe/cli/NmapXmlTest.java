package dev.starprobe.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nmap's XML as the benchmark reads it: open TCP ports, elapsed time, errors; hostile XML is refused. */
class NmapXmlTest {
    static byte[] sample() throws IOException {
        try (InputStream in = NmapXmlTest.class.getResourceAsStream("nmap-connect-scan.xml")) {
            return in.readAllBytes();
        }
    }

    private static byte[] xml(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String run(String hostPorts, String finished) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner=\"nmap\" version=\"7.93\" args=\"nmap\">"
                + hostPorts + "<runstats>" + finished + "</runstats></nmaprun>";
    }

    @Test
    void readsTheOpenTcpPortsAndNmapsOwnElapsedTime() throws Exception {
        NmapXml.Report r = NmapXml.parse(sample());

        assertEquals(List.of(22, 80, 1883), r.open(), "closed, filtered and UDP ports are not open TCP ports");
        assertEquals(3.27, r.elapsed(), 1e-9);
        assertTrue(r.success());
        assertEquals("7.93", r.version());
        assertEquals("nmap -sT -p- -n -Pn -T3 -oX - 198.18.5.20", r.args());
        assertEquals(List.of("65529 closed", "2 filtered"), r.notShown());
    }

    @Test
    void aHostWithNoOpenPortIsAnEmptyListNotAnError() throws Exception {
        NmapXml.Report r = NmapXml.parse(xml(run("<host><ports><extraports state=\"closed\" count=\"65535\"/></ports></host>",
                "<finished elapsed=\"1.05\" exit=\"success\"/>")));

        assertEquals(List.of(), r.open());
        assertEquals(1.05, r.elapsed(), 1e-9);
    }

    @Test
    void nmapsOwnErrorIsReportedAsNoSuccessWithItsMessage() throws Exception {
        NmapXml.Report r = NmapXml.parse(xml(run("", "<finished elapsed=\"0.02\" exit=\"error\" errormsg=\"Failed to resolve target\"/>")));

        assertFalse(r.success());
        assertEquals("Failed to resolve target", r.error());
    }

    @Test
    void outputThatIsNotACompleteNmapRunIsRefusedWithTheReason() {
        String cutShort = new String(xml(run("<host><ports>", "")), StandardCharsets.UTF_8);
        cutShort = cutShort.substring(0, cutShort.indexOf("<runstats>"));
        List<String> bad = List.of(
                "", "garbage \u0000\u0001 not xml", "<html><body>nmap</body></html>",
                cutShort,
                run("<host/>", ""),
                run("<host/><host/>", "<finished elapsed=\"1\" exit=\"success\"/>"),
                run("<host><ports><port protocol=\"tcp\" portid=\"70000\"><state state=\"open\"/></port></ports></host>",
                        "<finished elapsed=\"1\" exit=\"success\"/>"),
                run("", "<finished elapsed=\"-1\" exit=\"success\"/>"),
                run("", "<finished elapsed=\"NaN\" exit=\"success\"/>"));
        for (String b : bad) {
            NmapXml.FormatException e = assertThrows(NmapXml.FormatException.class, () -> NmapXml.parse(xml(b)), b);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void entityDeclarationsAreNeverExpandedNorFetched(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String external = "<?xml version=\"1.0\"?><!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<nmaprun version=\"&x;\"><runstats><finished elapsed=\"1\" exit=\"success\"/></runstats></nmaprun>";
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE nmaprun [<!ENTITY a \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY ").append((char) ('a' + i)).append(" \"")
                    .append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><nmaprun version=\"&j;\"><runstats><finished elapsed=\"1\" exit=\"success\"/></runstats></nmaprun>");

        for (String hostile : List.of(external, laughs.toString())) {
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                try {
                    NmapXml.Report r = NmapXml.parse(xml(hostile));
                    assertFalse(String.valueOf(r.version()).contains("TOP-SECRET") || String.valueOf(r.version()).contains("lol"),
                            "an entity was expanded: " + r.version());
                } catch (NmapXml.FormatException refused) {
                    assertFalse(refused.getMessage().contains("TOP-SECRET"), refused.getMessage());
                }
            });
        }
    }

    @Test
    void outputBeyondTheCapIsRefusedUnread() {
        byte[] huge = new byte[NmapXml.MAX_BYTES + 1];
        NmapXml.FormatException e = assertThrows(NmapXml.FormatException.class, () -> NmapXml.parse(huge));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }
}
