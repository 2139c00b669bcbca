package dev.starprobe.lab.proto;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A Modbus/TCP server on Netty: MBAP framing, functions 03/04 (read holding/input registers), 06 and 16
 * (write; answered with exception 01 illegal function when read-only) and 43/14 (read device
 * identification). Unknown functions get exception 01, unmapped addresses exception 02.
 */
public final class ModbusServer {
    public static final int PORT = 502;
    static final int ILLEGAL_FUNCTION = 1, ILLEGAL_ADDRESS = 2, ILLEGAL_VALUE = 3;

    private final RegisterMap registers;
    private final ModbusDeviceId deviceId;
    private final boolean writable;

    public ModbusServer(RegisterMap registers, ModbusDeviceId deviceId, boolean writable) {
        this.registers = registers;
        this.deviceId = deviceId;
        this.writable = writable;
    }

    public void bind(DeviceRuntime rt, int port) throws InterruptedException {
        ServiceContext svc = new ServiceContext("modbus", port, rt.log());
        rt.bindTcp(port, "modbus", ch -> ch.pipeline().addLast(
                new ReadTimeoutHandler(60, TimeUnit.SECONDS),
                new LengthFieldBasedFrameDecoder(7 + 253, 4, 2, 0, 0),
                new Handler(svc)));
    }

    private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
        private final ServiceContext svc;

        Handler(ServiceContext svc) {
            this.svc = svc;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            int tid = frame.readUnsignedShort();
            int proto = frame.readUnsignedShort();
            int len = frame.readUnsignedShort();
            int unit = frame.readUnsignedByte();
            if (proto != 0 || len < 2 || !frame.isReadable()) {
                svc.malformed(peer, "bad MBAP header");
                ctx.close();
                return;
            }
            int fc = frame.readUnsignedByte();
            ByteBuf out = ctx.alloc().buffer();
            out.writeShort(tid).writeShort(0).writeShort(0).writeByte(unit);
            svc.request(peer, "function " + fc);
            try {
                pdu(fc, frame, out, peer);
            } catch (IndexOutOfBoundsException e) {
                svc.malformed(peer, "short PDU for function " + fc);
                out.writerIndex(7);
                exception(out, fc, ILLEGAL_VALUE);
            }
            out.setShort(4, out.writerIndex() - 6);
            ctx.writeAndFlush(out);
        }

        private void pdu(int fc, ByteBuf in, ByteBuf out, InetSocketAddress peer) {
            switch (fc) {
                case 3, 4 -> {
                    int addr = in.readUnsignedShort();
                    int qty = in.readUnsignedShort();
                    if (qty < 1 || qty > 125) {
                        exception(out, fc, ILLEGAL_VALUE);
                    } else if (!registers.mapped(addr, qty)) {
                        exception(out, fc, ILLEGAL_ADDRESS);
                    } else {
                        out.writeByte(fc).writeByte(qty * 2);
                        for (int i = 0; i < qty; i++) out.writeShort(registers.get(addr + i));
                    }
                }
                case 6 -> {
                    int addr = in.readUnsignedShort();
                    int value = in.readUnsignedShort();
                    write(out, fc, addr, new int[] {value}, peer);
                }
                case 16 -> {
                    int addr = in.readUnsignedShort();
                    int qty = in.readUnsignedShort();
                    int bytes = in.readUnsignedByte();
                    if (qty < 1 || qty > 123 || bytes != qty * 2) {
                        exception(out, fc, ILLEGAL_VALUE);
                        return;
                    }
                    int[] values = new int[qty];
                    for (int i = 0; i < qty; i++) values[i] = in.readUnsignedShort();
                    write(out, fc, addr, values, peer);
                }
                case 43 -> identification(in, out);
                default -> exception(out, fc, ILLEGAL_FUNCTION);
            }
        }

        private void write(ByteBuf out, int fc, int addr, int[] values, InetSocketAddress peer) {
            if (!writable) {
                svc.write(peer, "function " + fc + " at " + addr + " refused (read-only)", false);
                exception(out, fc, ILLEGAL_FUNCTION);
                return;
            }
            if (!registers.mapped(addr, values.length)) {
                svc.write(peer, "function " + fc + " at " + addr + " refused (unmapped)", false);
                exception(out, fc, ILLEGAL_ADDRESS);
                return;
            }
            registers.fill(addr, values);
            svc.write(peer, "function " + fc + " wrote " + values.length + " register(s) at " + addr, true);
            out.writeByte(fc).writeShort(addr);
            out.writeShort(fc == 6 ? values[0] : values.length);
        }

        private void identification(ByteBuf in, ByteBuf out) {
            int mei = in.readUnsignedByte();
            int code = in.readUnsignedByte();
            int objectId = in.readUnsignedByte();
            if (mei != 0x0E || deviceId == null) {
                exception(out, 43, ILLEGAL_FUNCTION);
                return;
            }
            int first, last;
            switch (code) {
                case 1 -> { first = 0; last = 2; }
                case 2, 3 -> { first = 0; last = 5; }
                case 4 -> { first = objectId; last = objectId; }
                default -> {
                    exception(out, 43, ILLEGAL_VALUE);
                    return;
                }
            }
            if (code != 4 && objectId > last) objectId = first;
            if (code != 4) first = Math.max(first, objectId);
            if (deviceId.object(first) == null) {
                exception(out, 43, ILLEGAL_ADDRESS);
                return;
            }
            out.writeByte(43).writeByte(0x0E).writeByte(code).writeByte(0x82) // regular identification, individual access
                    .writeByte(0).writeByte(0);
            int countAt = out.writerIndex();
            out.writeByte(0);
            int n = 0;
            for (int id = first; id <= last; id++) {
                String v = deviceId.object(id);
                if (v == null) continue;
                byte[] b = v.getBytes(StandardCharsets.US_ASCII);
                out.writeByte(id).writeByte(b.length).writeBytes(b);
                n++;
            }
            out.setByte(countAt, n);
        }

        private void exception(ByteBuf out, int fc, int code) {
            out.writeByte(fc | 0x80).writeByte(code);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
