package dev.starprobe.plugins.replay.capture;

import java.io.IOException;
import java.nio.file.Path;

/** A capture file that is not a well-formed pcap or pcapng file; says which file and where it goes wrong. */
public final class CaptureFormatException extends IOException {
    private final transient Path file;
    private final long offset;

    public CaptureFormatException(Path file, long offset, String problem) {
        super(file + ": at byte offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
