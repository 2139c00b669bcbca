package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.auth.OnvifSoap;
import dev.starprobe.plugins.replay.wire.HttpWire;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the native surfaces of one service with requests any client may make (no login): a 401 with a Basic
 * or Digest challenge on the first of the data file's pages that has one, an ONVIF device service that
 * refuses GetDeviceInformation with its NotAuthorized fault, an RTSP DESCRIBE answered 401 with a challenge.
 */
final class NativeSurfaces {
    /** @param note what was seen, for a service where nothing was found */
    record Found(List<NativeSurface> surfaces, String note) {
    }

    private NativeSurfaces() {
    }

    static Found http(NativeLink link) throws IOException {
        List<NativeSurface> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String path : ReplayData.STOCK.challengePaths) {
            NativeRequest get = NativeRequest.httpGet(link.authority(), path);
            HttpWire.Message m = link.exchange(get.bytes(null));
            if (m == null) {
                seen.add("GET " + path + ": no HTTP answer");
                break; // nothing that speaks HTTP here: the other pages would not answer either
            }
            seen.add("GET " + path + ": " + m.status());
            String ch = NativeLink.challenge(m);
            if (ch != null) {
                out.add(new ChallengeSurface(link, get, ch));
                break;
            }
        }
        NativeRequest post = NativeRequest.httpPost(link.authority(), OnvifSoap.PATH, OnvifSoap.CONTENT_TYPE, OnvifSoap.deviceInformation(""));
        HttpWire.Message m = link.exchange(post.bytes(null));
        if (m != null && OnvifSoap.notAuthorized(m.status(), m.bodyText())) {
            HttpWire.Message clock = link.exchange(post.withBody(OnvifSoap.systemDateAndTime()).bytes(null));
            Duration offset = clock == null ? Duration.ZERO : OnvifSoap.clockOffset(clock.status(), clock.bodyText());
            out.add(new OnvifSurface(link, offset));
        } else {
            seen.add("ONVIF GetDeviceInformation without a token: " + (m == null ? "no HTTP answer" : m.status()
                    + (OnvifSoap.deviceInformationAnswer(m.status(), m.bodyText()) ? " with the device information" : "")));
        }
        return new Found(out, String.join("; ", seen));
    }

    static Found rtsp(NativeLink link) throws IOException {
        NativeRequest describe = NativeRequest.rtspDescribe("rtsp://" + link.authority() + "/");
        HttpWire.Message m = link.exchange(describe.bytes(null));
        String ch = NativeLink.challenge(m);
        if (ch != null) return new Found(List.of(new ChallengeSurface(link, describe, ch)), "");
        return new Found(List.of(), "DESCRIBE without a login: " + (m == null ? "no RTSP answer" : m.status() + " " + m.reason()));
    }
}
