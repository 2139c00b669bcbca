package dev.starprobe.plugins.tls;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Reads max_early_data_size from a TLS 1.3 NewSessionTicket body (RFC 8446 4.6.1), defensively. */
final class TicketEarlyData {
    private static final int EARLY_DATA = 42;

    private TicketEarlyData() {
    }

    /** The announced maximum, or null when the ticket does not allow early data (or is malformed). */
    static Integer maxEarlyData(byte[] ticket) {
        try {
            ByteBuffer b = ByteBuffer.wrap(ticket);
            b.getInt(); // ticket_lifetime
            b.getInt(); // ticket_age_add
            int nonce = b.get() & 0xff;
            b.position(b.position() + nonce);
            int t = b.getShort() & 0xffff;
            b.position(b.position() + t);
            int extLen = b.getShort() & 0xffff;
            int end = b.position() + extLen;
            while (b.position() + 4 <= end) {
                int type = b.getShort() & 0xffff;
                int len = b.getShort() & 0xffff;
                if (type == EARLY_DATA && len == 4) {
                    int v = b.getInt(); // uint32 on the wire
                    return v < 0 ? Integer.MAX_VALUE : v;
                }
                b.position(b.position() + len);
            }
            return null;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }
}
