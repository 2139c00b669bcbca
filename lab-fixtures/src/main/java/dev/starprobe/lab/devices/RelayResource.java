package dev.starprobe.lab.devices;

import dev.starprobe.lab.net.ServiceContext;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/** The smart plug's /relay: GET reads "on"/"off", PUT "on", "off" or "toggle" switches it. */
final class RelayResource extends CoapResource {
    private final ServiceContext svc;
    private final boolean requirePsk;
    private volatile boolean on;

    RelayResource(ServiceContext svc, boolean requirePsk) {
        super("relay");
        this.svc = svc;
        this.requirePsk = requirePsk;
        getAttributes().setTitle("Relay");
        getAttributes().addResourceType("core.a");
        getAttributes().addContentType(MediaTypeRegistry.TEXT_PLAIN);
    }

    boolean on() {
        return on;
    }

    @Override
    public void handleGET(CoapExchange ex) {
        ex.respond(ResponseCode.CONTENT, on ? "on" : "off", MediaTypeRegistry.TEXT_PLAIN);
    }

    @Override
    public void handlePUT(CoapExchange ex) {
        var peer = ex.advanced().getRequest().getSourceContext().getPeerAddress();
        if (requirePsk && !(ex.advanced().getRequest().getSourceContext().getPeerIdentity() instanceof PreSharedKeyIdentity)) {
            svc.write(peer, "PUT /relay refused: no PSK identity", false);
            ex.respond(ResponseCode.UNAUTHORIZED);
            return;
        }
        String v = ex.getRequestText().trim().toLowerCase();
        switch (v) {
            case "on" -> on = true;
            case "off" -> on = false;
            case "toggle" -> on = !on;
            default -> {
                svc.write(peer, "PUT /relay " + v, false);
                ex.respond(ResponseCode.BAD_REQUEST, "expected on, off or toggle");
                return;
            }
        }
        svc.write(peer, "PUT /relay " + v, true);
        ex.respond(ResponseCode.CHANGED, on ? "on" : "off", MediaTypeRegistry.TEXT_PLAIN);
    }
}
