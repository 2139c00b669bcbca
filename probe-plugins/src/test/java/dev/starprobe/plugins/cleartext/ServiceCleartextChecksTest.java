package dev.starprobe.plugins.cleartext;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MQTT, FTP, CoAP and SNMP cleartext checks through the engine against loopback responders. */
class ServiceCleartextChecksTest {
    private static final Probe PROBE = Probe.load(null);

    private static DeviceResult scan(String addr, PortSpec tcp, PortSpec udp, Path out) {
        return PROBE.scan(ScanRequest.of(List.of(addr), tcp).withUdpPorts(udp).withOutDir(out)).devices().get(0);
    }

    private static Finding finding(DeviceResult d, String check) {
        return d.findings().stream().filter(f -> f.checkId().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding of " + check + "; services " + d.services() + " executions " + d.executions()));
    }

    @Test
    void anonymousPlaintextMqttFails(@TempDir Path out) throws Exception {
        try (var broker = new LoopbackServer("127.0.4.1", (Socket s, OutputStream o) -> {
            try {
                InputStream in = s.getInputStream();
                int first = in.read();
                if (first != 0x10) return; // only MQTT CONNECT gets an answer, like a real broker
                in.readNBytes(in.read());
                o.write(new byte[]{0x20, 0x02, 0x00, 0x00});
                o.flush();
                in.read();
            } catch (IOException ignored) {
                // client went away
            }
        })) {
            DeviceResult d = scan("127.0.4.1", PortSpec.of(broker.port()), null, out);
            assertEquals("mqtt", d.services().get(0).protocol());
            assertEquals("0", d.services().get(0).attributes().get("mqtt.connack"));
            Finding f = finding(d, "cleartext.mqtt");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.reason().contains("anonymous"), f.reason());
        }
    }

    private static LoopbackServer ftp(String addr, String userReply) throws IOException {
        return new LoopbackServer(addr, (s, o) -> {
            try {
                o.write("220 (vsFTPd 3.0.3)\r\n".getBytes());
                o.flush();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("FEAT")) o.write("211-Features:\r\n AUTH TLS\r\n PBSZ\r\n211 End\r\n".getBytes());
                    else if (line.startsWith("USER")) o.write((userReply + "\r\n").getBytes());
                    else if (line.startsWith("QUIT")) {
                        o.write("221 Goodbye.\r\n".getBytes());
                        return;
                    } else o.write("500 ?\r\n".getBytes());
                    o.flush();
                }
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    @Test
    void ftpThatTakesALoginWithoutTlsFails(@TempDir Path out) throws Exception {
        try (var srv = ftp("127.0.4.2", "331 Please specify the password.")) {
            Finding f = finding(scan("127.0.4.2", PortSpec.of(srv.port()), null, out), "cleartext.ftp");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.reason().contains("not required"), f.reason());
        }
    }

    @Test
    void ftpThatRequiresTlsBeforeLoginPasses(@TempDir Path out) throws Exception {
        try (var srv = ftp("127.0.4.3", "530 Non-anonymous sessions must use encryption.")) {
            assertEquals(Verdict.PASS, finding(scan("127.0.4.3", PortSpec.of(srv.port()), null, out), "cleartext.ftp").verdict());
        }
    }

    private static DatagramSocket udp(String addr, int port, byte[] reply) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(addr), port));
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void coapAndSnmpV2cOnUdpFail(@TempDir Path out) throws Exception {
        byte[] coapAck = HexFormat.of().parseHex("60451234ff3c2f72656c61793e");
        byte[] snmpResponse = HexFormat.of().parseHex("302902010104067075626c6963a21c020412345678020100020100300e300c06082b060102010101000500");
        try (var tcp = new LoopbackServer("127.0.4.4", LoopbackServer.banner(new byte[0]));
             var coap = udp("127.0.4.4", 5683, coapAck);
             var snmp = udp("127.0.4.4", 161, snmpResponse)) {
            DeviceResult d = scan("127.0.4.4", PortSpec.of(tcp.port()), PortSpec.parse("iot-udp"), out);
            assertEquals(Verdict.FAIL, finding(d, "cleartext.coap").verdict());
            Finding snmpFinding = finding(d, "cleartext.snmp");
            assertEquals(Verdict.FAIL, snmpFinding.verdict());
            assertTrue(Files.readString(out.resolve(snmpFinding.evidence().get(0).path())).contains("public"));
        }
    }
}
