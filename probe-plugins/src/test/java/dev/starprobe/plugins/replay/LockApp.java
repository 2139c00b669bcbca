package dev.starprobe.plugins.replay;

import dev.starprobe.plugins.replay.wire.MqttWire;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The smart lock's companion app in tests: sends one legitimate, freshly signed command per interface
 * (HTTP POST, MQTT PUBLISH with the app's answer subscription, CoAP POST) and keeps what it sent and got,
 * as a user would see it in the app's debug log.
 */
final class LockApp {
    static {
        DtlsConfig.register();
    }

    record Sent(String body, int status, String answer) {
    }

    private LockApp() {
    }

    static Sent http(InetAddress lock, int port, boolean tls, String command) throws Exception {
        try (Socket s = socket(lock, port, tls)) {
            String req = "POST /api/lock HTTP/1.1\r\nHost: " + lock.getHostAddress() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + command.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + command;
            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(resp.split(" ", 3)[1]);
            return new Sent(command, status, resp.substring(resp.indexOf("\r\n\r\n") + 4));
        }
    }

    /** Subscribes to the lock's result topic, publishes the command and returns the first result. */
    static Sent mqtt(InetAddress lock, int port, boolean tls, String serial, String user, String password, String command) throws Exception {
        try (Socket s = socket(lock, port, tls)) {
            s.setSoTimeout(300);
            s.getOutputStream().write(MqttWire.connect(4, "lock-app-1", user, password == null ? null : password.getBytes(StandardCharsets.UTF_8), 30));
            s.getOutputStream().write(MqttWire.subscribe(4, 1, List.of("lock/" + serial + "/result")));
            Thread.sleep(200);
            s.getOutputStream().write(MqttWire.publish(4, new MqttWire.Publish("lock/" + serial + "/cmd",
                    command.getBytes(StandardCharsets.UTF_8), 0, false, false, 0)));
            String result = null;
            for (MqttWire.Packet p : MqttWire.packets(readFor(s.getInputStream(), 800))) {
                MqttWire.Publish pub = p.type() == MqttWire.PUBLISH ? MqttWire.publish(p, 4) : null;
                if (pub != null && pub.topic().endsWith("/result") && !pub.retain()) result = pub.text();
            }
            s.getOutputStream().write(MqttWire.disconnect());
            return new Sent(command, 0, result);
        }
    }

    static Sent coap(InetAddress lock, int port, String pskIdentity, byte[] psk, String command) throws Exception {
        Configuration cfg = Configuration.createStandardWithoutFile();
        CoapEndpoint.Builder eb = new CoapEndpoint.Builder().setConfiguration(cfg);
        if (psk != null) {
            eb.setConnector(new DTLSConnector(DtlsConnectorConfig.builder(cfg).setAddress(new InetSocketAddress(0))
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    .setAdvancedPskStore(new AdvancedSinglePskStore(pskIdentity, psk)).build()));
        }
        CoapEndpoint ep = eb.build();
        CoapClient client = new CoapClient((psk == null ? "coap://" : "coaps://") + lock.getHostAddress() + ":" + port + "/lock");
        client.setEndpoint(ep);
        client.setTimeout(5000L);
        try {
            CoapResponse r = client.post(command, MediaTypeRegistry.APPLICATION_JSON);
            return new Sent(command, 0, r.getCode().codeClass + "." + String.format("%02d", r.getCode().codeDetail) + " " + r.getResponseText());
        } finally {
            client.shutdown();
            ep.destroy();
        }
    }

    private static byte[] readFor(InputStream in, long millis) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + millis;
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < end) {
            try {
                int n = in.read(buf);
                if (n < 0) break;
                out.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // keep waiting until the deadline
            }
        }
        return out.toByteArray();
    }

    private static Socket socket(InetAddress host, int port, boolean tls) throws Exception {
        Socket plain = new Socket(host, port);
        plain.setSoTimeout(5000);
        if (!tls) return plain;
        X509TrustManager any = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext sc = SSLContext.getInstance("TLS");
        sc.init(null, new TrustManager[]{any}, null);
        return sc.getSocketFactory().createSocket(plain, host.getHostAddress(), port, true);
    }

    static List<String> lines(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
