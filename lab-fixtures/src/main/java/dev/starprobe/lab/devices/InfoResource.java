package dev.starprobe.lab.devices;

import dev.starprobe.lab.proto.FlatJson;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** GET /info: the device identity as JSON. */
final class InfoResource extends CoapResource {
    private final DeviceIdentity id;

    InfoResource(DeviceIdentity id) {
        super("info");
        this.id = id;
        getAttributes().setTitle("Device information");
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void handleGET(CoapExchange ex) {
        ex.respond(ResponseCode.CONTENT, Json.identity(id), MediaTypeRegistry.APPLICATION_JSON);
    }

    static final class Json {
        private Json() {}

        static String identity(DeviceIdentity id) {
            return "{\"manufacturer\":" + FlatJson.quote(id.manufacturer()) + ",\"model\":" + FlatJson.quote(id.model())
                    + ",\"firmware\":" + FlatJson.quote(id.firmware()) + ",\"serial\":" + FlatJson.quote(id.serial()) + "}";
        }
    }
}
