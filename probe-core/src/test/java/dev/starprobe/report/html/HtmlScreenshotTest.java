package dev.starprobe.report.html;

import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.ReportFixtures;
import dev.starprobe.report.RequirementRollup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders the HTML report in Debian's headless chromium and checks the screenshot. Chromium runs in a
 * fresh network namespace of its own when we may create one (root), so whatever it might try to reach,
 * nothing leaves the machine; the flags disable its background traffic in any case. The screenshot is
 * kept under target/screenshots for CI to archive.
 */
class HtmlScreenshotTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;

    private static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static boolean canUnshareNetwork() {
        try {
            Process p = new ProcessBuilder("unshare", "--net", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void reportRendersInHeadlessChromiumWithoutBlockedFetchesOrErrors(@TempDir Path dir) throws Exception {
        Path browser = chromium();
        assumeTrue(browser != null, "chromium is not installed: run scripts/bootstrap.sh (apt-get install -y chromium) to run the screenshot test");
        Path html = new HtmlReport(new RequirementRollup(RequirementCatalogue.builtIn()))
                .write(ReportFixtures.hostileFarm(), dir.resolve("report.html"), "");
        Path png = dir.resolve("report.png");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        List<String> cmd = new ArrayList<>();
        if (canUnshareNetwork()) cmd.addAll(List.of("unshare", "--net"));
        cmd.addAll(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--no-pings", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
                "--screenshot=" + png, html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), log);

        // the page's console: a fetch blocked by the CSP or a script error would be logged here. Chromium's
        // own WebUI pages (chrome://resources, source named so) log to the same stream and are not the report
        List<String> console = log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Refused to")
                || l.contains("Uncaught")).filter(l -> !l.contains("source: chrome://")).toList();
        assertEquals(List.of(), console);

        assertTrue(Files.size(png) > 20_000, "a rendered page, not a blank one: " + Files.size(png) + " bytes");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(WIDTH, img.getWidth());
        assertEquals(HEIGHT, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        boolean failRed = false;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                failRed |= rgb == 0xc62828;
            }
        }
        assertTrue(colours.size() > 50, "text, tables and pictures render in many colours: " + colours.size());
        assertTrue(failRed, "the FAIL colour of the verdict matrix is on screen, so the inline CSS applied");

        Path keep = Path.of("target", "screenshots");
        Files.createDirectories(keep);
        Files.copy(png, keep.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, keep.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    }
}
