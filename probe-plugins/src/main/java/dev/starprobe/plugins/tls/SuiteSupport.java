package dev.starprobe.plugins.tls;

import java.util.List;

/** What tls.cipher-suites learned about one service: per accepted version, suites and groups. */
public record SuiteSupport(List<VersionSuites> versions, int handshakes) {
    public SuiteSupport {
        versions = List.copyOf(versions);
    }
}
