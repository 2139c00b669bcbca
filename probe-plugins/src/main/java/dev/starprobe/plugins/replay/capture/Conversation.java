package dev.starprobe.plugins.replay.capture;

import java.net.InetSocketAddress;

/** One TCP connection of a capture, reassembled: the client opened it (or, without a SYN, sent to the lower port). */
public record Conversation(InetSocketAddress client, InetSocketAddress server, long firstMicros, long lastMicros,
                           Stream fromClient, Stream fromServer) {
}
