package dev.starprobe.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes Ethernet/IPv4 TCP and UDP frames as a classic pcap or a pcapng file (for parser and CLI tests). */
final class SyntheticPcap {
    private final List<byte[]> frames = new ArrayList<>();
    private long micros = 1_750_000_000_000_000L;

    /** A TCP segment from a to b (addresses as 4 bytes). */
    SyntheticPcap tcp(byte[] src, int sport, byte[] dst, int dport, long seq, int flags, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer t = ByteBuffer.allocate(20 + data.length);
        t.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(data);
        frames.add(ip(src, dst, 6, t.array()));
        return this;
    }

    SyntheticPcap udp(byte[] src, int sport, byte[] dst, int dport, byte[] payload) {
        ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
        u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        frames.add(ip(src, dst, 17, u.array()));
        return this;
    }

    /** A whole HTTP exchange on its own connection: SYN, request, response. */
    SyntheticPcap http(byte[] client, int cport, byte[] server, String request, String response) {
        tcp(client, cport, server, 80, 999, 0x02, "");
        tcp(server, 80, client, cport, 4999, 0x12, "");
        tcp(client, cport, server, 80, 1000, 0x18, request);
        tcp(server, 80, client, cport, 5000, 0x18, response);
        return this;
    }

    private static byte[] ip(byte[] src, byte[] dst, int proto, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + l4.length);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putInt(0).put((byte) 64).put((byte) proto)
                .putShort((short) 0).put(src).put(dst).put(l4);
        return b.array();
    }

    byte[] pcap() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.writeBytes(g.array());
        long t = micros;
        for (byte[] f : frames) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(f.length).putInt(f.length);
            out.writeBytes(r.array());
            out.writeBytes(f);
            t += 1000;
        }
        return out.toByteArray();
    }

    byte[] pcapng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        out.writeBytes(shb.array());
        ByteBuffer idb = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        idb.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(262144).putInt(20);
        out.writeBytes(idb.array());
        long t = micros;
        for (byte[] f : frames) {
            int pad = (4 - f.length % 4) % 4;
            int len = 32 + f.length + pad;
            ByteBuffer e = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            e.putInt(6).putInt(len).putInt(0).putInt((int) (t >>> 32)).putInt((int) t).putInt(f.length).putInt(f.length).put(f)
                    .put(new byte[pad]).putInt(len);
            out.writeBytes(e.array());
            t += 1000;
        }
        return out.toByteArray();
    }
}
