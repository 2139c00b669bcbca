package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One client connection of {@link MqttBroker}. */
final class MqttSession extends SimpleChannelInboundHandler<MqttMessage> {
    private final MqttBroker broker;
    private final ServiceContext svc;
    private boolean connected;

    MqttSession(MqttBroker broker, ServiceContext svc) {
        this.broker = broker;
        this.svc = svc;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (msg.decoderResult().isFailure()) {
            svc.malformed(peer, String.valueOf(msg.decoderResult().cause()));
            ctx.close();
            return;
        }
        MqttMessageType type = msg.fixedHeader().messageType();
        if (!connected && type != MqttMessageType.CONNECT) {
            ctx.close();
            return;
        }
        switch (type) {
            case CONNECT -> connect(ctx, (MqttConnectMessage) msg, peer);
            case SUBSCRIBE -> subscribe(ctx, (MqttSubscribeMessage) msg, peer);
            case UNSUBSCRIBE -> {
                MqttUnsubscribeMessage u = (MqttUnsubscribeMessage) msg;
                broker.unsubscribe(ctx.channel(), u.payload().topics());
                ctx.writeAndFlush(MqttMessageBuilders.unsubAck().packetId(u.variableHeader().messageId()).build());
            }
            case PUBLISH -> publish(ctx, (MqttPublishMessage) msg, peer);
            case PINGREQ -> ctx.writeAndFlush(new MqttMessage(
                    new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            case DISCONNECT -> ctx.close();
            default -> { }
        }
    }

    private void connect(ChannelHandlerContext ctx, MqttConnectMessage m, InetSocketAddress peer) {
        if (connected) {
            ctx.close(); // a second CONNECT is a protocol violation
            return;
        }
        svc.request(peer, "CONNECT clientId=" + m.payload().clientIdentifier());
        String user = m.variableHeader().hasUserName() ? m.payload().userName() : null;
        byte[] pw = m.variableHeader().hasPassword() ? m.payload().passwordInBytes() : null;
        MqttConnectReturnCode code = MqttConnectReturnCode.CONNECTION_ACCEPTED;
        LoginGate gate = broker.gate();
        if (gate != null) {
            if (user == null || pw == null) {
                code = MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            } else if (!gate.attempt(svc, peer, user, new String(pw, StandardCharsets.UTF_8)).ok()) {
                code = MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            }
        } else if (user != null) {
            svc.login(peer, user, true); // an open broker takes any credentials
        }
        MqttMessage ack = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
        if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            connected = true;
            ctx.writeAndFlush(ack);
        } else {
            ctx.writeAndFlush(ack).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void subscribe(ChannelHandlerContext ctx, MqttSubscribeMessage m, InetSocketAddress peer) {
        List<String> filters = new ArrayList<>();
        MqttMessageBuilders.SubAckBuilder ack = MqttMessageBuilders.subAck().packetId(m.variableHeader().messageId());
        for (MqttTopicSubscription s : m.payload().topicSubscriptions()) {
            svc.request(peer, "SUBSCRIBE " + s.topicFilter());
            if (TopicFilter.valid(s.topicFilter())) {
                filters.add(s.topicFilter());
                ack.addGrantedQos(s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE);
            } else {
                ack.addGrantedQos(MqttQoS.FAILURE);
            }
        }
        ctx.writeAndFlush(ack.build());
        broker.subscribe(ctx.channel(), filters);
    }

    private void publish(ChannelHandlerContext ctx, MqttPublishMessage m, InetSocketAddress peer) {
        String topic = m.variableHeader().topicName();
        byte[] payload = ByteBufUtil.getBytes(m.payload());
        svc.write(peer, "PUBLISH " + topic + " (" + payload.length + " bytes)", true);
        if (m.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                    MqttMessageIdVariableHeader.from(m.variableHeader().packetId())));
        } else if (m.fixedHeader().qosLevel() == MqttQoS.EXACTLY_ONCE) {
            ctx.close(); // QoS 2 is not offered
            return;
        }
        broker.publish(topic, payload, m.fixedHeader().isRetain());
        if (broker.hook() != null) broker.hook().onPublish(broker, topic, payload, svc, peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
