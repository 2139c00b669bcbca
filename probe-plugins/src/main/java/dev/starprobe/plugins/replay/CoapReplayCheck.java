package dev.starprobe.plugins.replay;

/** replay.coap: the app's CoAP requests that change state (not GET) replayed as new exchanges. */
public final class CoapReplayCheck extends ReplayCheck {
    public static final String ID = "replay.coap";

    public CoapReplayCheck() {
        super(ID, "Replayed CoAP commands of the companion app are refused", Proto.COAP, new CoapReplayer());
    }

    /**
     * A CON request re-sent with the same message ID must be answered from the deduplication cache (RFC 7252
     * 4.5); with a GET that is indistinguishable from executing it again, and with a state-changing request it
     * needs a valid command and an oracle, which only the app's capture or a template gives.
     */
    @Override
    String withoutInput() {
        return super.withoutInput() + "; CoAP has no native replay test: a GET re-sent with the same message ID looks the"
                + " same whether answered from the deduplication cache or executed again, and a state-changing request needs"
                + " the app's command and a state oracle";
    }

    @Override
    boolean isCommand(ReplayRequest r) {
        return r.message() instanceof ReplayRequest.Coap c && c.request().code() != 1;
    }
}
