package dev.starprobe.plugins.replay.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;

/** Copies chosen frames of a capture into a small classic pcap file: the evidence of an original request. */
public final class CaptureSlice {
    private CaptureSlice() {
    }

    public static byte[] of(Path capture, Set<Long> frames) throws IOException {
        int linkType = FrameReader.linkType(capture);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.writeBytes(g.array());
        for (FrameReader.RawFrame f : FrameReader.raw(capture, frames)) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long seconds = Math.floorDiv(f.at().getTime(), 1000);
            r.putInt((int) seconds).putInt(f.at().getNanos()).putInt(f.bytes().length).putInt(f.bytes().length);
            out.writeBytes(r.array());
            out.writeBytes(f.bytes());
        }
        return out.toByteArray();
    }
}
