package dev.starprobe.report.html;

import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.ReportFixtures;
import dev.starprobe.report.RequirementRollup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    private static final RequirementRollup ROLLUP = new RequirementRollup(RequirementCatalogue.builtIn());

    static String render(String prefix) {
        StringBuilder sb = new StringBuilder();
        new HtmlReport(ROLLUP).render(ReportFixtures.hostileFarm(), sb, prefix);
        return sb.toString();
    }

    private static final java.util.Set<String> FETCHING_TAGS = java.util.Set.of(
            "script", "link", "iframe", "img", "object", "embed", "video", "audio", "source", "frame", "base", "form", "image", "use");
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern FETCH_ATTR = Pattern.compile(
            "(?i)\\b(src|href|action|srcset|poster|data|xlink:href)\\s*=\\s*[\"']?\\s*(https?:|//|javascript:|ftp:)");

    /**
     * Every way the page could make a browser fetch something: looks at real tags only, because device
     * text that merely looks like a tag is escaped and therefore inert.
     */
    static List<String> fetches(String html) {
        List<String> hits = new java.util.ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            if (FETCHING_TAGS.contains(m.group(1).toLowerCase()) || FETCH_ATTR.matcher(m.group(2)).find()) hits.add(m.group());
        }
        int styleStart = html.indexOf("<style>");
        String style = html.substring(styleStart, html.indexOf("</style>", styleStart));
        if (style.contains("@import") || style.contains("url(")) hits.add("stylesheet fetches");
        return hits;
    }

    @Test
    void theFetchDetectorItselfFindsRealFetches() {
        String page = "<html><head><style>x{}</style></head><body>";
        assertEquals(1, fetches(page + "<img src=\"http://x/y.png\"></body>").size());
        assertEquals(1, fetches(page + "<a href=\"javascript:alert(1)\">x</a></body>").size());
        assertEquals(1, fetches("<html><style>@import 'http://x';</style>").size());
        assertEquals(0, fetches(page + "&lt;img src=http://x/&gt;<a href=\"evidence/a.txt\">a</a></body>").size());
    }

    @Test
    void deviceSuppliedMarkupIsShownAsTextNeverInterpreted() {
        String html = render("");
        assertEquals(List.of(), fetches(html), "no element, stylesheet or link may fetch anything");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the banner is visible as text");
        assertTrue(html.contains("&quot;&gt;&lt;img src=http://evil.example/x.png&gt;"));
        assertTrue(html.contains("cam-01 &lt;b&gt;bold&lt;/b&gt;"), "inventory names are escaped too");
        assertTrue(html.contains("login: \\x00\\x1b[31m"), "control characters are shown, not emitted");
        assertFalse(html.contains("\u0000") || html.contains("\u001b"));
    }

    @Test
    void aContentSecurityPolicyForbidsEveryFetch() {
        String html = render("");
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"));
        assertFalse(html.toLowerCase().contains("<script"));
    }

    @Test
    void evidenceIsLinkedOnlyWhenItIsARelativePathOfOurs() {
        String html = render("");
        assertTrue(html.contains("<a href=\"evidence/x/0001-cleartext.telnet.txt\">"));
        assertFalse(html.contains("href=\"javascript"), "a hostile path in a report is shown, not linked");
        assertTrue(html.contains("<span class=\"mono\">javascript:alert(1)</span>"));
        assertTrue(render("../shard-1/").contains("<a href=\"../shard-1/evidence/x/0001-cleartext.telnet.txt\">"));
    }

    @Test
    void statesWhatAProbeResultIsAndListsWhatItCannotTest() {
        String html = render("");
        assertTrue(html.contains("supports a manufacturer&#39;s JC-STAR self-declaration; it is not an IPA verdict"));
        int section = html.indexOf("What a network probe cannot test");
        assertTrue(section > 0);
        String rest = html.substring(section);
        for (var r : RequirementCatalogue.builtIn().notNetworkTestable()) {
            assertTrue(rest.contains(">" + r.id() + "<"), r.id() + " listed");
        }
        assertTrue(rest.contains("S1.1-09</td><td>not mapped (requirement text unknown)"));
    }

    @Test
    void requirementTableCarriesTheRolledUpVerdictWithItsFindings() {
        String html = render("");
        assertTrue(html.matches("(?s).*S1\\.1-12</td><td>Protected information.*?<span class=\"badge v-fail\">FAIL</span>.*?cleartext\\.telnet.*"));
        assertTrue(html.matches("(?s).*S1\\.1-02</td><td>No common.*?<span class=\"badge v-error\">ERROR</span>.*"));
        assertTrue(html.contains("Findings outside STAR-1"), "EN-only findings are shown");
        assertTrue(html.contains("TIMED_OUT"), "runs that did not complete are explained");
    }

    @Test
    void picturesShowTheFarmAndItsServices() {
        String html = render("");
        assertTrue(html.contains("<div class=\"matrix\""));
        assertEquals(3 * 16, countOf(html, "<div class=\"cell "), "one cell per device and STAR-1 item");
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the namespace is an identifier, not a fetch");
        assertEquals(4, countOf(html, "<circle "), "one dot per open service");
        assertTrue(html.contains("class=\"undeclared\">not declared"), "telnet was not declared in the inventory");
        assertTrue(html.contains("Declared but not found open: tcp/554"));
    }

    private static int countOf(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
