package dev.starprobe.lab.devices;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.auth.BasicAuth;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

@Timeout(30)
class RouterTest {
    static Lab lab;
    static WeakRouter weak = new WeakRouter();
    static HardenedRouter hardened = new HardenedRouter(new LockoutPolicy(5, Duration.ofSeconds(2)));
    static InetAddress weakIp;
    static InetAddress hardIp;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(weak, hardened));
        weakIp = lab.address(WeakRouter.NAME);
        hardIp = lab.address(HardenedRouter.NAME);
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    @Test
    void weakRouterAdminAdminOnPlainHttp() throws Exception {
        assertEquals(401, get(http(), url("http", weakIp, 80, "/")).statusCode());
        HttpResponse<String> ok = get(http(), url("http", weakIp, 80, "/"), "Authorization", BasicAuth.header(WeakRouter.DEFAULT));
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("NH-R300"));
    }

    @Test
    void weakRouterSnmpV2cPublicReadsAndPrivateWrites() throws Exception {
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getLoopbackAddress(), 0)))) {
            snmp.listen();
            PDU get = new PDU();
            get.add(new VariableBinding(new OID("1.3.6.1.2.1.1.1.0")));
            ResponseEvent<UdpAddress> r = snmp.send(get, community(weakIp, "public"));
            assertNotNull(r.getResponse(), "public answers");
            assertEquals(WeakRouter.SYS_DESCR, r.getResponse().get(0).getVariable().toString());
            assertNull(snmp.send(get, community(weakIp, "wrong")).getResponse(), "a wrong community gets no answer");
            PDU set = new PDU();
            set.setType(PDU.SET);
            set.add(new VariableBinding(new OID("1.3.6.1.2.1.1.6.0"), new OctetString("pwned")));
            ResponseEvent<UdpAddress> w = snmp.send(set, community(weakIp, "private"));
            assertEquals(0, w.getResponse().getErrorStatus());
            assertEquals("pwned", snmp.send(pdu("1.3.6.1.2.1.1.6.0"), community(weakIp, "public")).getResponse().get(0).getVariable().toString());
            assertEquals(PDU.noAccess, snmp.send(set, community(weakIp, "public")).getResponse().getErrorStatus());
        }
        assertTrue(weak.traffic().writes("snmp") >= 1);
    }

    @Test
    void hardenedRouterSnmpIgnoresV2cAndAnswersV3AuthPriv() throws Exception {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
        Credentials u = hardened.snmpUser();
        usm.addUser(new OctetString(u.user()), new UsmUser(new OctetString(u.user()), AuthSHA.ID, new OctetString(u.password()),
                PrivAES128.ID, new OctetString(hardened.snmpPrivPassword())));
        org.snmp4j.MessageDispatcherImpl d = new org.snmp4j.MessageDispatcherImpl();
        d.addMessageProcessingModel(new org.snmp4j.mp.MPv2c());
        d.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), org.snmp4j.mp.CounterSupport.getInstance()));
        try (Snmp snmp = new Snmp(d, new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getLoopbackAddress(), 0)))) {
            snmp.listen();
            assertNull(snmp.send(pdu("1.3.6.1.2.1.1.1.0"), community(hardIp, "public")).getResponse(), "v2c public: no answer");
            UserTarget<UdpAddress> t = new UserTarget<>();
            t.setAddress(new UdpAddress(hardIp, 161));
            t.setVersion(SnmpConstants.version3);
            t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
            t.setSecurityName(new OctetString(u.user()));
            t.setTimeout(1500);
            t.setRetries(1);
            ScopedPDU p = new ScopedPDU();
            p.add(new VariableBinding(new OID("1.3.6.1.2.1.1.1.0")));
            ResponseEvent<UdpAddress> r = snmp.send(p, t);
            assertNotNull(r.getResponse(), "v3 authPriv answers");
            assertEquals("NH-R900 Router", r.getResponse().get(0).getVariable().toString());
        }
    }

    @Test
    void weakRouterUpnpMapsPortsForAnyoneAndAnswersSsdp() throws Exception {
        HttpResponse<String> desc = get(http(), url("http", weakIp, 49152, "/rootDesc.xml"));
        assertEquals(200, desc.statusCode());
        assertTrue(desc.body().contains("urn:schemas-upnp-org:device:InternetGatewayDevice:1"));
        assertTrue(desc.body().contains("<serialNumber>" + WeakRouter.IDENTITY.serial() + "</serialNumber>"));
        HttpResponse<String> add = post(http(), url("http", weakIp, 49152, "/ctl/IPConn"), "text/xml; charset=\"utf-8\"",
                addPortMapping(), "SOAPAction", "\"urn:schemas-upnp-org:service:WANIPConnection:1#AddPortMapping\"");
        assertEquals(200, add.statusCode(), add.body());
        assertEquals(1, weak.portMappings().size());
        assertEquals(2222, weak.portMappings().get(0).externalPort());

        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2000);
            byte[] q = ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
                    + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(q, q.length, weakIp, 1900));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            s.receive(p);
            String reply = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 200 OK"));
            assertTrue(reply.contains("LOCATION: http://" + weakIp.getHostAddress() + ":49152/rootDesc.xml"), reply);
        }
    }

    @Test
    void hardenedRouterRefusesPortMappings() throws Exception {
        HttpResponse<String> add = post(http(), url("http", hardIp, 49152, "/ctl/IPConn"), "text/xml; charset=\"utf-8\"",
                addPortMapping(), "SOAPAction", "\"urn:schemas-upnp-org:service:WANIPConnection:1#AddPortMapping\"");
        assertEquals(500, add.statusCode());
        assertTrue(add.body().contains("<errorCode>606</errorCode>"));
    }

    @Test
    void dnsAnswersRouterLanAndNothingElse() throws Exception {
        for (InetAddress router : List.of(weakIp, hardIp)) {
            byte[] answer = dns(router, "router.lan");
            assertEquals(0, answer[3] & 0x0f, "NOERROR");
            assertEquals(1, answer[7], "one answer");
            byte[] last4 = java.util.Arrays.copyOfRange(answer, answer.length - 4, answer.length);
            assertArrayEquals(router.getAddress(), last4);
            assertEquals(3, dns(router, "example.com")[3] & 0x0f, "NXDOMAIN, no recursion");
        }
    }

    @Test
    void hardenedRouterSshRefusesRootAndLocksOut() throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try {
            assertFalse(sshLogin(client, "root", hardened.credentials().password()));
            assertTrue(sshLogin(client, hardened.credentials().user(), hardened.credentials().password()));
            for (int i = 0; i < 5; i++) assertFalse(sshLogin(client, "admin", "admin" + i));
            assertFalse(sshLogin(client, hardened.credentials().user(), hardened.credentials().password()), "locked out");
            // while locked out the source's connections are closed before the server identifies itself
            try (java.net.Socket s = connect(hardIp, 22)) {
                s.setSoTimeout(3000);
                assertEquals(-1, s.getInputStream().read(), "closed without an SSH identification");
            }
            Thread.sleep(2100);
            assertTrue(sshLogin(client, hardened.credentials().user(), hardened.credentials().password()), "lock ends");
        } finally {
            client.stop();
        }
        assertTrue(hardened.traffic().loginAttempts("ssh") >= 8); // the locked-out one never reached authentication
    }

    @Test
    void weakRouterFtpTakesTheAdminAccount() throws Exception {
        assertTrue(ftpLogin("admin", "admin").startsWith("230"));
        assertTrue(ftpLogin("admin", "wrong").startsWith("530"));
        assertTrue(ftpLogin("anonymous", "guest@example.com").startsWith("530"), "no anonymous access");
    }

    /** The answer to PASS after USER on a fresh control connection. */
    private static String ftpLogin(String user, String password) throws Exception {
        try (java.net.Socket s = connect(weakIp, 21)) {
            s.setSoTimeout(3000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(in.readLine().startsWith("220"));
            s.getOutputStream().write(("USER " + user + "\r\n").getBytes(StandardCharsets.UTF_8));
            assertTrue(in.readLine().startsWith("331"));
            s.getOutputStream().write(("PASS " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    @Test
    void hardenedRouterHasNoPlainHttpNoTelnetNoSsdp() throws Exception {
        for (int port : new int[] {80, 23}) {
            assertThrows(java.net.ConnectException.class, () -> connect(hardIp, port).close());
        }
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(500);
            byte[] q = "M-SEARCH * HTTP/1.1\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(q, q.length, hardIp, 1900));
            assertThrows(SocketTimeoutException.class, () -> s.receive(new DatagramPacket(new byte[512], 512)));
        }
    }

    static boolean sshLogin(SshClient client, String user, String password) throws Exception {
        try (ClientSession s = client.connect(user, hardIp.getHostAddress(), 22).verify(Duration.ofSeconds(3)).getSession()) {
            s.addPasswordIdentity(password);
            try {
                return s.auth().verify(Duration.ofSeconds(5)).isSuccess();
            } catch (org.apache.sshd.common.SshException e) {
                return false;
            }
        }
    }

    static String addPortMapping() {
        return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:AddPortMapping xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\"><NewRemoteHost></NewRemoteHost>"
                + "<NewExternalPort>2222</NewExternalPort><NewProtocol>TCP</NewProtocol><NewInternalPort>22</NewInternalPort>"
                + "<NewInternalClient>127.0.0.1</NewInternalClient><NewEnabled>1</NewEnabled>"
                + "<NewPortMappingDescription>test</NewPortMappingDescription><NewLeaseDuration>0</NewLeaseDuration>"
                + "</u:AddPortMapping></s:Body></s:Envelope>";
    }

    static CommunityTarget<UdpAddress> community(InetAddress a, String community) {
        CommunityTarget<UdpAddress> t = new CommunityTarget<>(new UdpAddress(a, 161), new OctetString(community));
        t.setVersion(SnmpConstants.version2c);
        t.setTimeout(700);
        t.setRetries(0);
        return t;
    }

    static PDU pdu(String oid) {
        PDU p = new PDU();
        p.add(new VariableBinding(new OID(oid)));
        return p;
    }

    static byte[] dns(InetAddress server, String name) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeShort(0x1234);
        d.writeShort(0x0100); // RD
        d.writeShort(1);
        d.writeShort(0);
        d.writeShort(0);
        d.writeShort(0);
        for (String label : name.split("\\.")) {
            d.writeByte(label.length());
            d.writeBytes(label);
        }
        d.writeByte(0);
        d.writeShort(1); // A
        d.writeShort(1); // IN
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2000);
            s.send(new DatagramPacket(b.toByteArray(), b.size(), server, 53));
            DatagramPacket p = new DatagramPacket(new byte[512], 512);
            s.receive(p);
            return java.util.Arrays.copyOf(p.getData(), p.getLength());
        }
    }
}
