package dev.starprobe.spi;

/**
 * A transcript a plugin fills itself, for client libraries that own their transport (Californium,
 * Scandium): what they send and receive still becomes evidence.
 */
public interface TranscriptRecorder extends Transcript {
    void sent(byte[] data);

    void received(byte[] data);

    void event(String text);
}
