package dev.starprobe.plugins.cleartext;

import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.http.DeviceHttp;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Does plain HTTP ask for credentials? An open port 80 alone proves nothing (the page may redirect,
 * or encrypt at the application layer), so the check looks for an actual credential prompt on the
 * root and on common login paths (data: login-paths.txt): a Basic/Digest challenge or a password
 * field. PASS only when the root redirects to HTTPS and no path prompts in cleartext.
 */
public final class HttpCredentialsCleartextCheck extends BlockingCheck {
    static final Pattern PASSWORD_FIELD = Pattern.compile("<input[^>]*type\\s*=\\s*[\"']?password", Pattern.CASE_INSENSITIVE);
    private static final List<String> PATHS = loadPaths();

    private static final CheckDescriptor D = CheckDescriptor.builder("cleartext.http-credentials")
            .title("No credentials over plain HTTP")
            .requirements("S1.1-12", "EN-5.5-1", "EN-5.5-7")
            .protocols("http")
            .timeout(Duration.ofSeconds(60))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws IOException {
        int port = ctx.service().orElseThrow().port();
        DeviceHttp http = new DeviceHttp(ctx);
        DeviceHttp.Result root = http.get(port, "/");
        List<String> paths = new ArrayList<>();
        paths.add("/");
        String location = root.header("location");
        boolean rootToHttps = root.status() / 100 == 3 && location != null
                && location.toLowerCase(Locale.ROOT).startsWith("https://");
        if (root.status() / 100 == 3 && location != null && location.startsWith("/")) paths.add(location);
        paths.addAll(PATHS);
        for (String path : paths.stream().distinct().toList()) {
            DeviceHttp.Result r = path.equals("/") ? root : http.get(port, path);
            String challenge = r.header("www-authenticate");
            if (r.status() == 401 && challenge != null) {
                boolean basic = challenge.toLowerCase(Locale.ROOT).startsWith("basic");
                return fail(ctx, port, path, basic
                        ? "HTTP Basic authentication on plain HTTP: the password is sent base64-encoded, i.e. in cleartext"
                        : "HTTP " + challenge.split(" ")[0] + " authentication on plain HTTP: the session is unencrypted"
                                + " and the challenge response can be attacked offline",
                        basic ? Severity.HIGH : Severity.MEDIUM);
            }
            if (r.status() == 200 && PASSWORD_FIELD.matcher(r.body()).find()) {
                return fail(ctx, port, path, "a login form with a password field is served over plain HTTP", Severity.HIGH);
            }
        }
        if (rootToHttps) {
            return CheckOutcome.completed(ctx.finding(Verdict.PASS, "http://…:" + port + "/ redirects to HTTPS ("
                            + location + ") and none of " + paths.size() + " login paths prompted for credentials over HTTP")
                    .traffic("HTTP requests on port " + port).build());
        }
        return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "no credential prompt found over HTTP on port "
                        + port + " (" + paths.size() + " paths tried), but the service does not redirect to HTTPS either;"
                        + " credentials elsewhere in the application cannot be ruled out")
                .traffic("HTTP requests on port " + port).build());
    }

    private static CheckOutcome fail(CheckContext ctx, int port, String path, String why, Severity severity) {
        return CheckOutcome.completed(ctx.finding(Verdict.FAIL, why + " (port " + port + ", path " + path + ")")
                .severity(severity).traffic("HTTP exchange showing the cleartext credential prompt").build());
    }

    private static List<String> loadPaths() {
        var in = HttpCredentialsCleartextCheck.class.getResourceAsStream("/dev/starprobe/plugins/http/login-paths.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
