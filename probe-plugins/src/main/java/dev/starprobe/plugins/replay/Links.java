package dev.starprobe.plugins.replay;

import dev.starprobe.spi.CheckContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;

/**
 * Connections for replays, on the engine's guarded sockets (scope, budget and transcripts apply). TLS
 * accepts any certificate: a replay must reach the device the app talked to, and judging its certificate
 * is the TLS checks' job.
 */
final class Links {
    static final int READ_CAP = 1024 * 1024;

    private Links() {
    }

    static Socket tcp(CheckContext ctx, int port, boolean tls) throws IOException {
        Socket plain = ctx.net().socketFactory().createSocket(ctx.device().address(), port);
        plain.setSoTimeout((int) ctx.options().ioTimeout().toMillis());
        if (!tls) return plain;
        try {
            SSLContext sc = SSLContext.getInstance("TLS");
            sc.init(null, new TrustManager[]{TRUST_ANY}, null);
            SSLSocket s = (SSLSocket) sc.getSocketFactory().createSocket(plain, ctx.device().address().getHostAddress(), port, true);
            s.startHandshake();
            return s;
        } catch (GeneralSecurityException | IOException e) {
            plain.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /**
     * Reads until {@code complete} says the bytes so far are a whole answer, the peer closes, a read times out,
     * or three read timeouts have passed in all (a peer that drips bytes must not hold the check).
     */
    static byte[] readUntil(Socket s, Predicate<byte[]> complete) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        long deadline = s.getSoTimeout() > 0 ? System.nanoTime() + 3L * s.getSoTimeout() * 1_000_000 : Long.MAX_VALUE;
        try {
            while (out.size() < READ_CAP && System.nanoTime() - deadline < 0) {
                int n = in.read(buf);
                if (n < 0) break;
                out.write(buf, 0, n);
                if (complete.test(out.toByteArray())) break;
            }
        } catch (SocketTimeoutException e) {
            // what arrived so far is the answer
        }
        return out.toByteArray();
    }

    private static final X509TrustManager TRUST_ANY = new X509TrustManager() {
        @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    };
}
