package dev.starprobe.lab.devices;

import dev.starprobe.lab.http.HttpHandler;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.proto.LockController;
import dev.starprobe.lab.proto.MqttBroker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** The smart lock's command over HTTP, MQTT and CoAP, all executed by one {@link LockController}. */
final class LockInterfaces {
    private LockInterfaces() {}

    /** POST /api/lock: 200 executed, 400 malformed, 401 bad signature or stale timestamp, 409 replayed nonce. */
    static HttpHandler http(LockController lock) {
        return ex -> {
            LockController.Result r = lock.execute(ex.body());
            ex.service().write(ex.peer(), "lock command " + r, r == LockController.Result.OK);
            HttpResponseStatus status = switch (r) {
                case OK -> HttpResponseStatus.OK;
                case MALFORMED -> HttpResponseStatus.BAD_REQUEST;
                case REPLAYED_NONCE -> HttpResponseStatus.CONFLICT;
                default -> HttpResponseStatus.UNAUTHORIZED;
            };
            return Responses.json(status, "{\"result\":\"" + r.name().toLowerCase() + "\",\"state\":" + lock.stateJson() + "}");
        };
    }

    /** Commands on lock/SERIAL/cmd; the outcome goes to lock/SERIAL/result, the state (retained) to lock/SERIAL/state. */
    static MqttBroker.PublishHook mqtt(LockController lock, String serial) {
        String cmd = "lock/" + serial + "/cmd";
        return (broker, topic, payload, svc, peer) -> {
            if (!topic.equals(cmd)) return;
            LockController.Result r = lock.execute(new String(payload, StandardCharsets.UTF_8));
            svc.write(peer, "lock command " + r, r == LockController.Result.OK);
            broker.publish("lock/" + serial + "/result", ("{\"result\":\"" + r.name().toLowerCase() + "\"}")
                    .getBytes(StandardCharsets.UTF_8), false);
            broker.publish("lock/" + serial + "/state", lock.stateJson().getBytes(StandardCharsets.UTF_8), true);
        };
    }

    /** POST /lock: 2.04 executed, 4.00 malformed, 4.01 bad signature or stale, 4.03 replayed nonce; GET /lock: state. */
    static CoapResource coap(LockController lock, ServiceContext svc) {
        return new CoapResource("lock") {
            @Override
            public void handleGET(CoapExchange ex) {
                ex.respond(ResponseCode.CONTENT, lock.stateJson(), MediaTypeRegistry.APPLICATION_JSON);
            }

            @Override
            public void handlePOST(CoapExchange ex) {
                LockController.Result r = lock.execute(ex.getRequestText());
                svc.write(ex.advanced().getRequest().getSourceContext().getPeerAddress(), "lock command " + r,
                        r == LockController.Result.OK);
                ResponseCode code = switch (r) {
                    case OK -> ResponseCode.CHANGED;
                    case MALFORMED -> ResponseCode.BAD_REQUEST;
                    case REPLAYED_NONCE -> ResponseCode.FORBIDDEN;
                    default -> ResponseCode.UNAUTHORIZED;
                };
                ex.respond(code, "{\"result\":\"" + r.name().toLowerCase() + "\"}", MediaTypeRegistry.APPLICATION_JSON);
            }
        };
    }
}
