package dev.starprobe.plugins.http;

import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS for talking to a device's HTTPS service without judging its certificate: that is the TLS checks'
 * job, and a self-signed LAN page must still be examined by the other checks.
 */
public final class UncheckedTls {
    private UncheckedTls() {
    }

    /** Configures {@code b} to accept any certificate and host name, with modern and compatible suites. */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder b) {
        X509TrustManager any = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext sc = SSLContext.getInstance("TLS");
            sc.init(null, new TrustManager[]{any}, new SecureRandom());
            return b.sslSocketFactory(sc.getSocketFactory(), any).hostnameVerifier((h, s) -> true)
                    .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.COMPATIBLE_TLS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
