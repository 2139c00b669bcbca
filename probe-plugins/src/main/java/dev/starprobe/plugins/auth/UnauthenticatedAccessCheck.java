package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.plugins.mqtt.MqttPackets;
import dev.starprobe.plugins.mqtt.MqttPublishes;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckTarget;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * S1.1-01 / EN-5.5-4: sensitive functions reachable with no credentials, with read-only requests only:
 * RTSP DESCRIBE (does it return the stream's SDP?), MQTT anonymous CONNECT (and, when accepted, a brief
 * SUBSCRIBE to '#' to show what is readable, then DISCONNECT), ONVIF GetDeviceInformation without
 * WS-Security, and known device status APIs (GET only). No credential is ever sent.
 *
 * <p>Writes are tested only when the user allows INTRUSIVE checks for the device ({@code --allow intrusive});
 * the descriptor stays SAFE so that the read-only part runs in every scan. Each write puts back the value
 * just read and is verified by a re-read ({@link CoapWrites} for CoAP and, with no credentials, CoAP over
 * DTLS; {@link ModbusWrites} for Modbus/TCP holding registers; {@link SnmpWrites} for SNMP v1/v2c with the
 * published default communities of the credential data, which anyone can send, so the only "credential"
 * this check ever sends). Without the permission these services get
 * an INCONCLUSIVE "not run" finding, never a PASS, and no write is sent.
 */
public final class UnauthenticatedAccessCheck extends BlockingCheck {
    public static final String ID = "auth.unauthenticated-access";
    static final int COAPS_PORT = 5684;
    static final List<String> STATUS_APIS = List.of("/api/state", "/api/v1/status", "/api/v1/health");
    static final String ONVIF_PATH = "/onvif/device_service";
    private static final String GET_DEVICE_INFORMATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("No sensitive function is reachable without authentication")
            .requirements("S1.1-01", "EN-5.5-4")
            .protocols("http", "https", "rtsp", "mqtt", "mqtts", "coap", "coaps", "dtls", "modbus", "snmp")
            .safety(Safety.SAFE)
            .timeout(Duration.ofSeconds(60))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public Applicability appliesTo(CheckTarget target) {
        Service s = target.service();
        if (s != null && s.tls() && s.port() == DefaultCredentialsCheck.MQTTS_PORT && "tls".equals(s.protocol())) {
            return Applicability.yes();
        }
        if (s != null && "dtls".equals(s.protocol()) && s.port() != COAPS_PORT) {
            return Applicability.no("DTLS on " + s.ref() + " is not on the CoAPs port " + COAPS_PORT);
        }
        return D.applicability(target);
    }

    /** The verdict and reason of one sub-test. */
    record Result(Verdict verdict, String reason) {
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws IOException {
        Service svc = ctx.service().orElseThrow();
        String p = svc.protocol() == null ? "" : svc.protocol();
        return switch (p) {
            case "rtsp" -> rtsp(ctx, svc.port());
            case "mqtt", "mqtts", "tls" -> mqtt(ctx, svc.port(), svc.tls() || !p.equals("mqtt"));
            case "coap" -> write(ctx, "CoAP PUT", () -> CoapWrites.test(ctx, svc.port(), false));
            case "coaps", "dtls" -> write(ctx, "CoAP PUT over DTLS", () -> CoapWrites.test(ctx, svc.port(), true));
            case "modbus" -> write(ctx, "Modbus register write", () -> ModbusWrites.test(ctx, svc));
            case "snmp" -> write(ctx, "SNMP SET with the default communities", () -> SnmpWrites.test(ctx, svc));
            default -> http(ctx, svc.port(), svc.tls() || p.equals("https"));
        };
    }

    private interface WriteTest {
        Result run() throws IOException;
    }

    /** A write sub-test: run only with INTRUSIVE allowed, otherwise an INCONCLUSIVE "not run" without traffic. */
    private static CheckOutcome write(CheckContext ctx, String what, WriteTest test) throws IOException {
        Service svc = ctx.service().orElseThrow();
        if (!ctx.options().allowedSafety().contains(Safety.INTRUSIVE)) {
            return CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "not run: the " + what + " test on " + svc.ref()
                    + " writes to the device and needs --allow intrusive; no write was sent").build());
        }
        Result r = test.run();
        return result(ctx, r.verdict(), r.reason());
    }

    private static CheckOutcome rtsp(CheckContext ctx, int port) throws IOException {
        String uri = "rtsp://" + ctx.device().address().getHostAddress() + ":" + port + "/";
        String[] r = Surfaces.Rtsp.describe(ctx, port, uri, 1, null);
        int st = Surfaces.Rtsp.status(r[0]);
        if (st == 200 && r[2].startsWith("v=0")) {
            return result(ctx, Verdict.FAIL, "RTSP DESCRIBE " + uri + " without credentials returned the stream description"
                    + " (SDP, " + r[2].length() + " bytes): the video stream is reachable without authentication");
        }
        if (st == 401) {
            return result(ctx, Verdict.PASS, "RTSP DESCRIBE " + uri + " without credentials answered 401"
                    + (Surfaces.Rtsp.header(r[1], "WWW-Authenticate") != null ? " with a challenge" : ""));
        }
        return result(ctx, Verdict.INCONCLUSIVE, "RTSP DESCRIBE " + uri + " answered '" + Surfaces.printable(r[0])
                + "': neither a stream description nor an authentication demand");
    }

    private static CheckOutcome mqtt(CheckContext ctx, int port, boolean tls) throws IOException {
        Socket plain = ctx.net().socketFactory().createSocket(ctx.device().address(), port);
        try (Socket s = tls ? Surfaces.Mqtt.wrap(plain, ctx, port) : plain) {
            s.setSoTimeout((int) ctx.options().ioTimeout().toMillis());
            s.getOutputStream().write(Surfaces.Mqtt.connectPacket("starprobe-" + Long.toHexString(System.nanoTime()), null, null));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] b = in.readNBytes(4);
            if (b.length < 4 || (b[0] & 0xf0) != 0x20) {
                return result(ctx, Verdict.PASS, "MQTT on port " + port + (tls ? " (TLS)" : "")
                        + ": an anonymous CONNECT got no CONNACK (connection closed)");
            }
            int code = b[3] & 0xff;
            if (code != 0) {
                return result(ctx, Verdict.PASS, "MQTT on port " + port + (tls ? " (TLS)" : "")
                        + ": an anonymous CONNECT was refused with CONNACK return code " + code);
            }
            // read-only look: SUBSCRIBE '#' (QoS 0), read briefly, DISCONNECT
            s.getOutputStream().write(new byte[]{(byte) 0x82, 6, 0, 1, 0, 1, '#', 0});
            s.getOutputStream().flush();
            byte[] got = MqttPublishes.readWindow(s, Duration.ofMillis(1500), 65536);
            s.getOutputStream().write(MqttPackets.disconnect());
            List<String> topics = MqttPublishes.parse(got, 256).stream().map(MqttPublishes.Message::topic).toList();
            return result(ctx, Verdict.FAIL, "MQTT on port " + port + (tls ? " (TLS)" : "")
                    + ": an anonymous CONNECT was accepted (CONNACK 0)" + (topics.isEmpty()
                    ? "; SUBSCRIBE '#' delivered no message within 1.5 s"
                    : "; SUBSCRIBE '#' delivered " + topics.size() + " message(s) on " + topics.stream().distinct().limit(5).toList()));
        } finally {
            plain.close();
        }
    }

    private static CheckOutcome http(CheckContext ctx, int port, boolean tls) throws IOException {
        AuthHttp http = new AuthHttp(ctx, port, tls);
        List<String> open = new ArrayList<>();
        List<String> protectedOnes = new ArrayList<>();
        AuthHttp.Result onvif = http.post(ONVIF_PATH, "application/soap+xml; charset=utf-8", GET_DEVICE_INFORMATION);
        if (onvif.status() == 200 && onvif.body().contains("GetDeviceInformationResponse")) {
            open.add("ONVIF GetDeviceInformation at " + ONVIF_PATH + " answered without WS-Security (" + onvif.summary() + ")");
        } else if (onvif.status() == 401 || onvif.status() == 403 || onvif.body().contains("NotAuthorized")) {
            protectedOnes.add("ONVIF " + ONVIF_PATH + " demands authentication (" + onvif.status() + ")");
        }
        for (String path : STATUS_APIS) {
            AuthHttp.Result r = http.get(path, null);
            String type = r.header("content-type");
            if (r.status() == 200 && type != null && type.contains("json")) {
                open.add("GET " + path + " answered 200 with JSON without credentials (" + r.summary() + ")");
            } else if (r.status() == 401 || r.status() == 403) {
                protectedOnes.add("GET " + path + " demands authentication (" + r.status() + ")");
            }
        }
        if (!open.isEmpty()) {
            return result(ctx, Verdict.FAIL, String.join("; ", open) + " on " + http.url(""));
        }
        if (!protectedOnes.isEmpty()) {
            return result(ctx, Verdict.PASS, String.join("; ", protectedOnes) + " on " + http.url("")
                    + "; other functions were not enumerated");
        }
        return CheckOutcome.notApplicable("no known sensitive function (ONVIF device service, device status API) found on port " + port);
    }

    private static CheckOutcome result(CheckContext ctx, Verdict v, String reason) {
        var f = ctx.finding(v, reason).traffic("the unauthenticated requests (reads, and writes of the values read) and their answers");
        if (v == Verdict.FAIL) f.severity(Severity.HIGH);
        return CheckOutcome.completed(f.build());
    }
}
