package dev.starprobe.plugins.dtls;

import dev.starprobe.plugins.coap.GuardedConnector;
import dev.starprobe.spi.Network;
import dev.starprobe.spi.ScanOptions;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A complete DTLS 1.2 handshake with Scandium, under the engine's scope guard and connection budget
 * (GuardedConnector): proves that the suites the hand-built hellos found really work end to end,
 * reads the server's identity (X.509 path or raw public key) and, with a user-supplied PSK,
 * confirms a pre-shared-key server. Any server certificate is accepted: judging it is the check's job.
 */
final class ScandiumHandshake {
    /** An empty confirmable CoAP message (a "CoAP ping"): harmless application data that triggers the handshake. */
    private static final byte[] COAP_PING = {0x40, 0x00, 0x53, 0x50};

    static {
        DtlsConfig.register();
    }

    /**
     * @param suite the suite Scandium negotiated, or null
     * @param peer  the server's identity as Scandium saw it (X509CertPath, RawPublicKeyIdentity, PreSharedKeyIdentity)
     */
    record Result(boolean completed, String suite, Principal peer, String error) {
    }

    private ScandiumHandshake() {
    }

    /** The suites of {@code codes} that Scandium implements, in order. */
    static List<CipherSuite> implemented(List<Integer> codes) {
        return codes.stream().map(CipherSuite::getTypeByCode).filter(Objects::nonNull).filter(CipherSuite::isSupported).toList();
    }

    static Result run(Network net, InetSocketAddress peer, List<CipherSuite> suites, ScanOptions.Credential psk, Duration timeout) {
        if (suites.isEmpty()) return new Result(false, null, null, "Scandium implements none of the suites offered");
        GuardedConnector guarded = null;
        try {
            Configuration cfg = Configuration.createStandardWithoutFile();
            DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(cfg)
                    .setAddress(new InetSocketAddress(0))
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
                    .set(DtlsConfig.DTLS_RECOMMENDED_CURVES_ONLY, false)
                    .set(DtlsConfig.DTLS_CIPHER_SUITES, suites)
                    .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2)
                    .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
            if (suites.stream().anyMatch(CipherSuite::requiresServerCertificateMessage)) { // Scandium refuses a verifier it cannot use
                b.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustAllCertificates().setTrustAllRPKs()
                        .setSupportedCertificateTypes(List.of(CertificateType.X_509, CertificateType.RAW_PUBLIC_KEY)).build());
            }
            if (psk != null) b.setAdvancedPskStore(new AdvancedSinglePskStore(psk.user(), secret(psk.secret())));
            guarded = new GuardedConnector(new DTLSConnector(b.build()), net, peer.getAddress().getHostAddress() + ":" + peer.getPort());
            guarded.setRawDataReceiver(raw -> {
                // the server's answer to the ping is not needed: the handshake is what counts
            });
            guarded.start();
            CompletableFuture<EndpointContext> established = new CompletableFuture<>();
            guarded.send(RawData.outbound(COAP_PING, new AddressEndpointContext(peer), new MessageCallback() {
                @Override public void onConnecting() { }
                @Override public void onDtlsRetransmission(int flight) { }
                @Override public void onContextEstablished(EndpointContext context) { established.complete(context); }
                @Override public void onSent() { }
                @Override public void onError(Throwable error) { established.completeExceptionally(error); }
            }, false));
            EndpointContext c = established.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, c.getString(DtlsEndpointContext.KEY_CIPHER), c.getPeerIdentity(), null);
        } catch (TimeoutException e) {
            return new Result(false, null, null, "no complete handshake within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Result(false, null, null, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, null, "interrupted");
        } catch (Exception e) {
            return new Result(false, null, null, e.toString());
        } finally {
            if (guarded != null) guarded.destroy();
        }
    }

    /** A PSK secret as text, or as hex with the prefix "hex:" (keys are often random bytes). */
    static byte[] secret(String s) {
        if (s.startsWith("hex:")) return HexFormat.of().parseHex(s.substring(4));
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
