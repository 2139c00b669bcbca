package dev.starprobe.lab.proto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Telnet input to text lines: drops IAC option negotiation (WILL/WONT/DO/DONT and SB...SE), un-doubles
 * IAC IAC, and ends a line on CR, LF, CR LF or CR NUL. Lines longer than {@code maxLine} are cut.
 */
final class TelnetLineDecoder extends ByteToMessageDecoder {
    private static final int IAC = 255, SB = 250, SE = 240;
    private enum State { DATA, IAC, OPTION, SUB, SUB_IAC, AFTER_CR }

    private final int maxLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.DATA;

    TelnetLineDecoder(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int b = in.readUnsignedByte();
            switch (state) {
                case IAC -> {
                    if (b == IAC) {
                        append(b);
                        state = State.DATA;
                    } else if (b >= 251) {
                        state = State.OPTION;
                    } else if (b == SB) {
                        state = State.SUB;
                    } else {
                        state = State.DATA;
                    }
                }
                case OPTION -> state = State.DATA;
                case SUB -> state = b == IAC ? State.SUB_IAC : State.SUB;
                case SUB_IAC -> state = b == SE ? State.DATA : State.SUB;
                case AFTER_CR -> {
                    state = State.DATA;
                    if (b != '\n' && b != 0) data(b, out);
                }
                default -> data(b, out);
            }
        }
    }

    private void data(int b, List<Object> out) {
        if (b == IAC) {
            state = State.IAC;
        } else if (b == '\r' || b == '\n') {
            out.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
            if (b == '\r') state = State.AFTER_CR;
        } else {
            append(b);
        }
    }

    private void append(int b) {
        if (line.size() < maxLine) line.write(b);
    }
}
