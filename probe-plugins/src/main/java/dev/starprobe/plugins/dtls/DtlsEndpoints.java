package dev.starprobe.plugins.dtls;

import dev.starprobe.plugins.tls.ProtocolSupport;
import dev.starprobe.spi.FactKey;

import java.util.List;

/** The DTLS endpoints dtls.protocols found on a device, with what each accepted. A device-level fact. */
public record DtlsEndpoints(List<Endpoint> endpoints) {
    public static final FactKey<DtlsEndpoints> KEY = FactKey.of("dtls.endpoints", DtlsEndpoints.class);

    public record Endpoint(int port, ProtocolSupport support) {
    }

    public DtlsEndpoints {
        endpoints = List.copyOf(endpoints);
    }
}
