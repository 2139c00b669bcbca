package dev.starprobe.plugins.replay;

/** replay.mqtt: the app's PUBLISHes replayed in a new session; the effect is read where the app saw it. */
public final class MqttReplayCheck extends ReplayCheck {
    public static final String ID = "replay.mqtt";

    public MqttReplayCheck() {
        super(ID, "Replayed MQTT commands of the companion app are refused", Proto.MQTT, new MqttReplayer());
    }

    /**
     * A duplicate PUBLISH (QoS 1, same packet id, DUP set) shows nothing by itself: QoS 1 is at-least-once, so a
     * broker that delivers it again is within the protocol, and whether a device executed a command twice needs
     * its command topic, a valid command and a state oracle, which only the app's capture or a template gives.
     */
    @Override
    String withoutInput() {
        return super.withoutInput() + "; MQTT has no native replay test: QoS 1 is at-least-once, so a duplicate PUBLISH"
                + " delivered again is within the protocol, and whether a command ran twice needs the app's command and a"
                + " state oracle";
    }

    @Override
    boolean isCommand(ReplayRequest r) {
        return r.message() instanceof ReplayRequest.Mqtt;
    }
}
