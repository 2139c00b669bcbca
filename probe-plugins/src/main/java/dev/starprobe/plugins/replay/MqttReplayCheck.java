package dev.starprobe.plugins.replay;

/** replay.mqtt: the app's PUBLISHes replayed in a new session; the effect is read where the app saw it. */
public final class MqttReplayCheck extends ReplayCheck {
    public static final String ID = "replay.mqtt";

    public MqttReplayCheck() {
        super(ID, "Replayed MQTT commands of the companion app are refused", Proto.MQTT, new MqttReplayer());
    }

    @Override
    boolean isCommand(ReplayRequest r) {
        return r.message() instanceof ReplayRequest.Mqtt;
    }
}
