package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.coap.GuardedConnector;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.DatagramSession;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.ScanOptions;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Datagrams to one port of the device: plain UDP through the engine, or DTLS through Scandium under its guard. */
abstract class DatagramLink implements AutoCloseable {
    static {
        DtlsConfig.register();
    }

    abstract void send(byte[] datagram) throws IOException;

    /** The next datagram, or null after {@code timeout}. */
    abstract byte[] receive(Duration timeout) throws IOException;

    @Override
    public abstract void close();

    static DatagramLink plain(CheckContext ctx, int port) throws IOException {
        DatagramSession s = await(ctx.net().udp(port).toCompletableFuture(), ctx.options().ioTimeout());
        return new DatagramLink() {
            @Override
            void send(byte[] d) throws IOException {
                await(s.send(d).toCompletableFuture(), ctx.options().ioTimeout());
            }

            @Override
            byte[] receive(Duration timeout) {
                try {
                    return s.receive(timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /**
     * DTLS 1.2 with the pre-shared key of the named credential (USER = identity, SECRET = key, "hex:" for
     * bytes), or certificate-based with any server certificate accepted when no credential is named.
     */
    static DatagramLink dtls(CheckContext ctx, int port, String credential) throws IOException {
        InetSocketAddress peer = new InetSocketAddress(ctx.device().address(), port);
        ScanOptions.Credential psk = credential == null ? null : ctx.options().credentials().get(credential);
        if (credential != null && psk == null) throw new IOException("no --credential named '" + credential + "' was supplied");
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(Configuration.createStandardWithoutFile())
                .setAddress(new InetSocketAddress(0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2)
                .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        if (psk != null) {
            b.setAdvancedPskStore(new AdvancedSinglePskStore(psk.user(), psk.secret().startsWith("hex:")
                    ? HexFormat.of().parseHex(psk.secret().substring(4)) : psk.secret().getBytes(StandardCharsets.UTF_8)));
        } else {
            b.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustAllCertificates().setTrustAllRPKs()
                    .setSupportedCertificateTypes(List.of(CertificateType.X_509, CertificateType.RAW_PUBLIC_KEY)).build());
        }
        GuardedConnector c = new GuardedConnector(new DTLSConnector(b.build()), ctx.net(), peer.getAddress().getHostAddress() + ":" + port);
        BlockingQueue<byte[]> in = new LinkedBlockingQueue<>(64);
        c.setRawDataReceiver(raw -> in.offer(raw.getBytes()));
        c.start();
        return new DatagramLink() {
            @Override
            void send(byte[] d) {
                c.send(RawData.outbound(d, new AddressEndpointContext(peer), null, false));
            }

            @Override
            byte[] receive(Duration timeout) {
                try {
                    return in.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @Override
            public void close() {
                c.destroy();
            }
        };
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout) throws IOException {
        try {
            return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof NetworkException ne ? new IOException(ne.getMessage(), ne) : new IOException(String.valueOf(c), c);
        } catch (TimeoutException e) {
            throw new IOException("timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
