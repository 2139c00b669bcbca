package dev.starprobe.plugins.auth;

import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.coap.CoapChannel;
import dev.starprobe.spi.CheckContext;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.WebLink;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.LinkFormat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Do a CoAP device's resources accept writes without credentials? The resources its directory
 * (/.well-known/core) lists, actuators first (rt/if "core.a" or the like), at most {@value #MAX_RESOURCES}:
 * each is read (GET) and, when readable, written back with exactly what was read (PUT, same content
 * format), then read again; should the value differ the original is PUT back and the finding says so.
 * 2.04 Changed / 2.01 Created is an accepted write; 4.01 Unauthorized / 4.03 Forbidden a demand for
 * credentials; 4.05 Method Not Allowed a resource that is not writable at all.
 */
final class CoapWrites {
    static final int MAX_RESOURCES = 4;

    private CoapWrites() {
    }

    static UnauthenticatedAccessCheck.Result test(CheckContext ctx, int port, boolean dtls) throws IOException {
        String where = (dtls ? "CoAP over DTLS (no PSK, no client certificate)" : "CoAP") + " on UDP port " + port;
        try (CoapChannel ch = CoapChannel.open(ctx.net(), new InetSocketAddress(ctx.device().address(), port), dtls,
                ctx.options().ioTimeout())) {
            CoapResponse dir = ch.get("/.well-known/core");
            if (dir == null) {
                return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": no answer to GET /.well-known/core"
                        + (dtls ? " (the DTLS handshake without credentials did not complete, or the device stayed silent)" : ""));
            }
            if (dir.getCode() != ResponseCode.CONTENT) {
                return judgeCode(where, "GET /.well-known/core", dir.getCode(), List.of());
            }
            List<String> accepted = new ArrayList<>();
            List<String> demanded = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (String path : candidates(dir.getResponseText())) {
                writeBack(ch, path, accepted, demanded, notes);
                if (!accepted.isEmpty()) break; // one accepted write proves it: spare the device
            }
            if (!accepted.isEmpty()) {
                return new UnauthenticatedAccessCheck.Result(Verdict.FAIL, where + ": a write without credentials was accepted: "
                        + String.join("; ", accepted) + tail(demanded, notes));
            }
            if (!demanded.isEmpty()) {
                return new UnauthenticatedAccessCheck.Result(Verdict.PASS, where + ": writes demand credentials: "
                        + String.join("; ", demanded) + tail(List.of(), notes));
            }
            return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": no resource accepted a write or"
                    + " demanded credentials for one" + (notes.isEmpty() ? " (the directory lists none)" : ": " + String.join("; ", notes)));
        }
    }

    private static UnauthenticatedAccessCheck.Result judgeCode(String where, String what, ResponseCode code, List<String> notes) {
        if (code == ResponseCode.UNAUTHORIZED || code == ResponseCode.FORBIDDEN) {
            return new UnauthenticatedAccessCheck.Result(Verdict.PASS, where + ": " + what + " answered " + code + " " + code.name()
                    + ": nothing is served without credentials");
        }
        return new UnauthenticatedAccessCheck.Result(Verdict.INCONCLUSIVE, where + ": " + what + " answered " + code + " " + code.name());
    }

    private static void writeBack(CoapChannel ch, String path, List<String> accepted, List<String> demanded, List<String> notes)
            throws IOException {
        CoapResponse before = ch.get(path);
        if (before == null || before.getCode() != ResponseCode.CONTENT) {
            if (before != null && isAuthDemand(before.getCode())) demanded.add("GET " + path + " " + before.getCode());
            else notes.add(path + " not readable (" + (before == null ? "no answer" : before.getCode()) + "), so not written");
            return;
        }
        byte[] original = before.getPayload();
        int format = before.getOptions().getContentFormat();
        CoapResponse put = ch.put(path, original, format);
        String value = "'" + Surfaces.printable(new String(original, java.nio.charset.StandardCharsets.UTF_8)) + "'";
        if (put == null) {
            notes.add("PUT " + path + " got no answer" + afterwards(ch, path, original, format));
        } else if (put.getCode() == ResponseCode.CHANGED || put.getCode() == ResponseCode.CREATED) {
            accepted.add("PUT " + path + " with its current value " + value + " answered " + put.getCode() + " " + put.getCode().name()
                    + afterwards(ch, path, original, format));
        } else if (isAuthDemand(put.getCode())) {
            demanded.add("PUT " + path + " answered " + put.getCode() + " " + put.getCode().name());
        } else {
            notes.add("PUT " + path + " answered " + put.getCode() + " " + put.getCode().name());
        }
    }

    private static boolean isAuthDemand(ResponseCode c) {
        return c == ResponseCode.UNAUTHORIZED || c == ResponseCode.FORBIDDEN;
    }

    /** Re-reads the resource, putting the original back when it changed; the account for the report. */
    private static String afterwards(CoapChannel ch, String path, byte[] original, int format) throws IOException {
        CoapResponse after = ch.get(path);
        if (after == null || after.getCode() != ResponseCode.CONTENT) return "; the re-read failed, state afterwards unknown";
        if (Arrays.equals(after.getPayload(), original)) return "; re-read unchanged, nothing to restore";
        CoapResponse restore = ch.put(path, original, format);
        CoapResponse again = ch.get(path);
        boolean ok = again != null && Arrays.equals(again.getPayload(), original);
        return "; re-read showed a change, the original was PUT back (" + (restore == null ? "no answer" : restore.getCode())
                + ") and is " + (ok ? "restored" : "NOT restored");
    }

    /** Resource paths of the directory, actuators first, without /.well-known, capped. */
    static List<String> candidates(String linkFormat) {
        Set<WebLink> links = LinkFormat.parse(linkFormat.length() > 8192 ? linkFormat.substring(0, 8192) : linkFormat);
        return links.stream()
                .filter(l -> l.getURI().startsWith("/") && !l.getURI().startsWith("/.well-known"))
                .sorted(Comparator.comparing((WebLink l) -> !actuator(l)).thenComparing(WebLink::getURI))
                .map(WebLink::getURI).limit(MAX_RESOURCES).toList();
    }

    private static boolean actuator(WebLink l) {
        var a = l.getAttributes();
        return a.getResourceTypes().stream().anyMatch(t -> t.contains(".a") || t.contains("actuator"))
                || a.getInterfaceDescriptions().stream().anyMatch(t -> t.contains(".a") || t.contains(".p") || t.contains("rw"));
    }

    private static String tail(List<String> demanded, List<String> notes) {
        return (demanded.isEmpty() ? "" : "; demanded credentials: " + String.join("; ", demanded))
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
