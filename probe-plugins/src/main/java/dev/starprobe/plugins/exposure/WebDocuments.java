package dev.starprobe.plugins.exposure;

import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.Printable;
import dev.starprobe.plugins.http.DeviceHttp;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an HTTP(S) service serves to anyone: the listed paths (GET only, no credentials), each one
 * counted only when it exists (not the server's answer to everything). Secrets in them are leaks; the
 * Server and X-Powered-By headers are versions; the title of "/" (after one local redirect) is kept for
 * the model designation check.
 */
final class WebDocuments {
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>\\s*([^<]{1,160}?)\\s*</title>");
    private static final Map<String, String> VERSION_HEADERS = Map.of("server", "Server header", "x-powered-by", "X-Powered-By header");

    private final DisclosureRules rules;
    private final DeviceHttp http;

    WebDocuments(DisclosureRules rules, DeviceHttp http) {
        this.rules = rules;
        this.http = http;
    }

    /** Examines {@code s} into {@code d}; returns the title a user sees on "/", or null. */
    String examine(Service s, ServiceDisclosure d) {
        boolean tls = s.tls() || "https".equals(s.protocol());
        String title = null;
        try {
            DeviceHttp.Result baseline = http.get(s.port(), tls, Soft404.baselinePath());
            d.asked = "GET of " + rules.httpPaths.size() + " paths over " + (tls ? "HTTPS" : "HTTP");
            headers(baseline, d);
            for (String path : rules.httpPaths) {
                DeviceHttp.Result r = http.get(s.port(), tls, path);
                headers(r, d);
                if (path.equals("/")) {
                    DeviceHttp.Result shown = followLocal(s.port(), tls, r);
                    title = title(shown.body());
                    if (shown != r) read("GET " + localPath(r.header("location")), shown, baseline, d, true);
                }
                read("GET " + path, r, baseline, d, path.equals("/"));
            }
        } catch (IOException | RuntimeException e) {
            // a server that stops answering mid-way: what was read still counts, the rest is said
            d.failure = "HTTP stopped answering (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + Printable.of(e.getMessage(), 120)) + ") after " + d.examined.size() + " document(s)";
        }
        return title;
    }

    private void read(String what, DeviceHttp.Result r, DeviceHttp.Result baseline, ServiceDisclosure d, boolean always) {
        if (r.status() != 200 || r.body().isBlank()) return;
        if (!always && !Soft404.exists(baseline.status(), baseline.body(), r.body())) return;
        d.examined.add(what + " (" + r.body().length() + " bytes)");
        d.leak(what, rules.secrets(r.body(), markup(r)), r.body());
    }

    private void headers(DeviceHttp.Result r, ServiceDisclosure d) {
        VERSION_HEADERS.forEach((name, label) -> {
            String v = r.header(name);
            if (v == null) return;
            for (String version : rules.versions(v)) d.version(version, label + ": " + Printable.of(v, 120));
        });
    }

    /** A redirect to a path of the same service is what a browser shows next; anything else is not followed. */
    private DeviceHttp.Result followLocal(int port, boolean tls, DeviceHttp.Result r) throws IOException {
        if (r.status() < 300 || r.status() > 399) return r;
        String path = localPath(r.header("location"));
        return path == null ? r : http.get(port, tls, path);
    }

    private static String localPath(String location) {
        if (location == null || !location.startsWith("/") || location.startsWith("//") || location.length() > 200) return null;
        return location.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? location : null;
    }

    /** HTML and scripts: only unmistakable secret formats apply there. */
    static boolean markup(DeviceHttp.Result r) {
        String type = r.header("content-type");
        if (type != null) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.contains("html") || t.contains("javascript")) return true;
        }
        String head = r.body().stripLeading();
        head = head.substring(0, Math.min(64, head.length())).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head") || head.startsWith("<script");
    }

    static String title(String body) {
        Matcher m = TITLE.matcher(body.length() > 16384 ? body.substring(0, 16384) : body);
        return m.find() ? Printable.of(m.group(1).replaceAll("\\s+", " "), 120) : null;
    }
}
