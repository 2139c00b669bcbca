package dev.starprobe.evidence;

import dev.starprobe.spi.Transcript;

import java.nio.charset.StandardCharsets;

/**
 * Renders a transcript as text a person can read and a lab can diff: one block per entry, printable
 * ASCII as is, everything else escaped, and a hex dump for binary payloads.
 */
public final class TranscriptFormat {
    private TranscriptFormat() {
    }

    public static String render(Transcript t, String note) {
        StringBuilder sb = new StringBuilder();
        sb.append("# StarProbe transcript\n# peer: ").append(t.peer()).append('\n');
        if (note != null) sb.append("# note: ").append(note).append('\n');
        if (t.truncated()) sb.append("# truncated: payload beyond the transcript cap was not kept\n");
        for (Transcript.Entry e : t.entries()) {
            String dir = switch (e.direction()) {
                case SENT -> ">>";
                case RECEIVED -> "<<";
                case EVENT -> "--";
            };
            sb.append(dir).append(' ').append(e.at()).append(' ');
            if (e.direction() == Transcript.Direction.EVENT) {
                sb.append(new String(e.data(), StandardCharsets.UTF_8)).append('\n');
                continue;
            }
            sb.append(e.data().length).append(" bytes\n");
            if (isMostlyText(e.data())) {
                sb.append(escape(e.data())).append('\n');
            } else {
                sb.append(hexDump(e.data()));
            }
        }
        return sb.toString();
    }

    static boolean isMostlyText(byte[] b) {
        int printable = 0;
        for (byte x : b) if ((x >= 0x20 && x < 0x7f) || x == '\r' || x == '\n' || x == '\t') printable++;
        return b.length == 0 || printable * 10 >= b.length * 9;
    }

    /** Printable ASCII kept, CR/LF shown and kept as line breaks, other bytes as \xNN. */
    public static String escape(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '\n') sb.append("\\n\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c >= 0x20 && c < 0x7f && c != '\\') sb.append((char) c);
            else if (c == '\\') sb.append("\\\\");
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.toString();
    }

    static String hexDump(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i += 16) {
            sb.append(String.format("  %06x  ", i));
            StringBuilder ascii = new StringBuilder();
            for (int j = 0; j < 16; j++) {
                if (i + j < b.length) {
                    int c = b[i + j] & 0xff;
                    sb.append(String.format("%02x ", c));
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(' ').append(ascii).append('\n');
        }
        return sb.toString();
    }
}
