package dev.starprobe.plugins.replay;

/** replay.coap: the app's CoAP requests that change state (not GET) replayed as new exchanges. */
public final class CoapReplayCheck extends ReplayCheck {
    public static final String ID = "replay.coap";

    public CoapReplayCheck() {
        super(ID, "Replayed CoAP commands of the companion app are refused", Proto.COAP, new CoapReplayer());
    }

    @Override
    boolean isCommand(ReplayRequest r) {
        return r.message() instanceof ReplayRequest.Coap c && c.request().code() != 1;
    }
}
