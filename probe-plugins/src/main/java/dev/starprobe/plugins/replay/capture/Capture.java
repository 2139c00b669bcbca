package dev.starprobe.plugins.replay.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A companion-app capture, read and reassembled: its TCP connections and UDP datagrams, with the file's
 * hash so evidence can name exactly which file the frames came from.
 */
public record Capture(Path file, String sha256, CaptureLayout.Layout layout, int linkType, long frames, long decoded,
                      List<Conversation> conversations, List<Datagram> datagrams, List<String> warnings) {
    /** per direction of one TCP connection */
    static final int STREAM_CAP = 8 * 1024 * 1024;
    /** all TCP payload kept at once */
    static final long TOTAL_CAP = 512L * 1024 * 1024;
    /** UDP datagrams kept */
    static final int DATAGRAM_CAP = 1_000_000;

    public static Capture load(Path file) throws IOException {
        TcpReassembler tcp = new TcpReassembler(STREAM_CAP, TOTAL_CAP);
        List<Datagram> udp = new ArrayList<>();
        long[] droppedUdp = {0};
        FrameReader.Summary s = FrameReader.read(file, f -> {
            if (f.tcp()) {
                tcp.add(f);
            } else if (udp.size() < DATAGRAM_CAP) {
                udp.add(new Datagram(f.number(), f.micros(), f.src(), f.dst(), f.payload()));
            } else {
                droppedUdp[0]++;
            }
        });
        List<Conversation> conversations = tcp.finish();
        List<String> warnings = new ArrayList<>();
        if (tcp.overTotalCap()) warnings.add("more than " + TOTAL_CAP + " bytes of TCP payload: later payload was not reassembled");
        if (droppedUdp[0] > 0) warnings.add(droppedUdp[0] + " UDP datagrams beyond the first " + DATAGRAM_CAP + " were not read");
        long gaps = conversations.stream().filter(c -> c.fromClient().gap() || c.fromServer().gap()).count();
        if (gaps > 0) warnings.add(gaps + " TCP connections miss segments: their bytes after the gap were not parsed");
        return new Capture(file, CaptureHash.of(file), s.layout(), s.linkType(), s.frames(), s.decoded(), conversations, udp, warnings);
    }

}
