package dev.starprobe.plugins.replay.capture;

import java.net.InetSocketAddress;

/** One UDP datagram of a capture. */
public record Datagram(long frame, long micros, InetSocketAddress src, InetSocketAddress dst, byte[] payload) {
}
