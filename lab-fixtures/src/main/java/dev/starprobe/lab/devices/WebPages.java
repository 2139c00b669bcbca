package dev.starprobe.lab.devices;

import dev.starprobe.lab.http.FormLogin;
import dev.starprobe.lab.http.HttpExchange;
import dev.starprobe.lab.http.HttpHandler;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.http.SessionStore;
import dev.starprobe.lab.http.WebAuth;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The admin web UI shared by cameras and routers: protected "/" and "/index.html", and a form login. */
final class WebPages {
    private WebPages() {}

    /**
     * "/" needs HTTP auth (or a session); "/index.html" needs a form-login session (else 302 to the form).
     */
    static HttpRoutes adminUi(String title, DeviceIdentity id, WebAuth auth, SessionStore sessions, FormLogin form) {
        HttpHandler index = ex -> page(title, id, ex);
        HttpRoutes routes = new HttpRoutes()
                .get("/", ex -> {
                    FullHttpResponse denied = auth.check(ex);
                    return denied != null ? denied : index.handle(ex);
                })
                .get("/index.html", ex -> sessions.user(ex) == null
                        ? Responses.redirect(HttpResponseStatus.FOUND, "/login.html")
                        : index.handle(ex));
        return form.addTo(routes);
    }

    private static FullHttpResponse page(String title, DeviceIdentity id, HttpExchange ex) {
        return Responses.html(HttpResponseStatus.OK, "<!DOCTYPE html><html><head><title>" + title + "</title></head><body>"
                + "<h1>" + title + "</h1><table>"
                + "<tr><th>Model</th><td>" + id.model() + "</td></tr>"
                + "<tr><th>Firmware</th><td>" + id.firmware() + "</td></tr>"
                + "<tr><th>Serial number</th><td>" + id.serial() + "</td></tr>"
                + "</table><p>Signed in.</p></body></html>");
    }

    /** Every request answered by a permanent redirect to the same path over HTTPS. */
    static HttpHandler redirectToHttps() {
        return ex -> Responses.redirect(HttpResponseStatus.MOVED_PERMANENTLY, "https://" + ex.host() + ex.request().uri());
    }
}
