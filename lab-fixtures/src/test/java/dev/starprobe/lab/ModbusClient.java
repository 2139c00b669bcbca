package dev.starprobe.lab;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw Modbus/TCP client for the tests (MBAP frames by hand). */
public final class ModbusClient implements AutoCloseable {
    private final Socket socket;
    private int tid;

    public ModbusClient(InetAddress a, int port) throws IOException {
        socket = TestClients.connect(a, port);
    }

    /** Sends a PDU, returns the response PDU (function code first). */
    public byte[] call(byte... pdu) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(7 + pdu.length);
        b.putShort((short) ++tid).putShort((short) 0).putShort((short) (pdu.length + 1)).put((byte) 1).put(pdu);
        OutputStream out = socket.getOutputStream();
        out.write(b.array());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int rtid = in.readUnsignedShort();
        in.readUnsignedShort();
        int len = in.readUnsignedShort();
        in.readUnsignedByte();
        byte[] res = new byte[len - 1];
        in.readFully(res);
        if (rtid != tid) throw new IOException("transaction id " + rtid + " != " + tid);
        return res;
    }

    public int[] readHolding(int address, int count) throws IOException {
        byte[] r = call((byte) 3, (byte) (address >> 8), (byte) address, (byte) 0, (byte) count);
        if (r[0] != 3) throw new IOException("exception " + r[1]);
        int[] v = new int[count];
        for (int i = 0; i < count; i++) v[i] = (r[2 + 2 * i] & 0xff) << 8 | (r[3 + 2 * i] & 0xff);
        return v;
    }

    /** Function 06; returns the response PDU. */
    public byte[] writeSingle(int address, int value) throws IOException {
        return call((byte) 6, (byte) (address >> 8), (byte) address, (byte) (value >> 8), (byte) value);
    }

    /** Function 43/14, read device id code 1 (basic): object id to value. */
    public Map<Integer, String> deviceIdentification() throws IOException {
        byte[] r = call((byte) 0x2B, (byte) 0x0E, (byte) 1, (byte) 0);
        if (r[0] != 0x2B) throw new IOException("exception " + r[1]);
        Map<Integer, String> m = new LinkedHashMap<>();
        int n = r[6], i = 7;
        for (int k = 0; k < n; k++) {
            int id = r[i], len = r[i + 1];
            m.put(id, new String(r, i + 2, len, StandardCharsets.US_ASCII));
            i += 2 + len;
        }
        return m;
    }

    public static String string(int[] regs, int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            char hi = (char) (regs[i] >> 8), lo = (char) (regs[i] & 0xff);
            if (hi != 0) sb.append(hi);
            if (lo != 0) sb.append(lo);
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
