package dev.starprobe.plugins.replay.capture;

import java.net.InetSocketAddress;

/**
 * One TCP segment or UDP datagram of a capture.
 *
 * @param number  1-based frame number, as Wireshark counts
 * @param micros  capture time, microseconds since the epoch
 * @param flags   TCP flags (0 for UDP)
 * @param seq     TCP sequence number (0 for UDP)
 */
public record Frame(long number, long micros, InetSocketAddress src, InetSocketAddress dst, boolean tcp, int flags,
                    long seq, byte[] payload) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
