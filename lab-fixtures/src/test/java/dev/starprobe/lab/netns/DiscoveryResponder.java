package dev.starprobe.lab.netns;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny device for discovery tests, run inside a device namespace of the namespace LAN:
 * {@code DiscoveryResponder <address> <name> <model>} answers SSDP M-SEARCH (and serves its UPnP
 * description on TCP 8080), mDNS/DNS-SD queries for its services, WS-Discovery probes as an ONVIF
 * camera, CoAP GET /.well-known/core and SNMPv2c GETs with community "public". Its encoders are
 * written independently of the probe's parsers, so a shared misunderstanding cannot hide. Prints
 * "ready" once every socket is bound.
 */
public final class DiscoveryResponder {
    static final int HTTP_PORT = 8080;
    private final InetAddress address;
    private final String name;
    private final String model;
    private final NetworkInterface nif;

    private DiscoveryResponder(InetAddress address, String name, String model) throws IOException {
        this.address = address;
        this.name = name;
        this.model = model;
        this.nif = NetworkInterface.getByInetAddress(address);
        if (nif == null) throw new IOException("no interface has " + address);
    }

    public static void main(String[] args) throws Exception {
        DiscoveryResponder r = new DiscoveryResponder(InetAddress.getByName(args[0]), args[1], args[2]);
        r.http();
        List<Thread> threads = new ArrayList<>();
        threads.add(r.serve(r.group("239.255.255.250", 1900), r::ssdp));
        threads.add(r.serve(r.group("224.0.0.251", 5353), r::mdns));
        threads.add(r.serve(r.group("239.255.255.250", 3702), r::wsd));
        threads.add(r.serve(r.group("224.0.1.187", 5683), r::coap));
        threads.add(r.serve(new DatagramSocket(new InetSocketAddress(r.address, 161)), r::snmp));
        System.out.println("ready");
        System.out.flush();
        for (Thread t : threads) t.join();
    }

    /** A socket on the wildcard address and the port, member of the group on the lab interface. */
    private MulticastSocket group(String group, int port) throws IOException {
        MulticastSocket s = new MulticastSocket(port);
        s.joinGroup(new InetSocketAddress(group, port), nif);
        return s;
    }

    interface Handler {
        byte[] answer(byte[] request) throws Exception;
    }

    private Thread serve(DatagramSocket s, Handler h) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[9000];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                    byte[] a = h.answer(Arrays.copyOf(p.getData(), p.getLength()));
                    if (a != null) s.send(new DatagramPacket(a, a.length, p.getSocketAddress())); // unicast to the asker
                } catch (Exception e) {
                    System.err.println("responder: " + e);
                }
            }
        });
        t.start();
        return t;
    }

    // ---- SSDP and UPnP description ----

    private byte[] ssdp(byte[] req) {
        String text = new String(req, StandardCharsets.US_ASCII);
        if (!text.startsWith("M-SEARCH")) return null;
        return ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nEXT:\r\n"
                + "LOCATION: http://" + address.getHostAddress() + ":" + HTTP_PORT + "/desc.xml\r\n"
                + "SERVER: Linux/6.1 UPnP/1.1 LabResponder/1.0\r\nST: upnp:rootdevice\r\n"
                + "USN: uuid:" + name + "::upnp:rootdevice\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void http() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, HTTP_PORT), 8);
        server.createContext("/desc.xml", ex -> {
            byte[] body = ("<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
                    + "<specVersion><major>1</major><minor>1</minor></specVersion><device>"
                    + "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
                    + "<friendlyName>" + name + "</friendlyName><manufacturer>StarProbe Lab</manufacturer>"
                    + "<modelName>" + model + "</modelName><modelNumber>1.0</modelNumber>"
                    + "<serialNumber>SN-" + name + "</serialNumber><UDN>uuid:" + name + "</UDN></device></root>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    // ---- mDNS (answers unicast with the query's id, as RFC 6762 §6.7 asks for one-shot queriers) ----

    private byte[] mdns(byte[] q) throws IOException {
        if (q.length < 12 || (q[2] & 0x80) != 0) return null; // not a query
        List<String> questions = new ArrayList<>();
        int i = 12;
        int qd = ((q[4] & 0xff) << 8) | (q[5] & 0xff);
        for (int k = 0; k < qd; k++) {
            StringBuilder n = new StringBuilder();
            while (q[i] != 0) {
                int len = q[i];
                if (n.length() > 0) n.append('.');
                n.append(new String(q, i + 1, len, StandardCharsets.UTF_8));
                i += 1 + len;
            }
            i += 5;
            questions.add(n.toString().toLowerCase());
        }
        String host = name + ".local";
        String instance = name + " camera";
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        int count = 0;
        for (String qn : questions) {
            if (qn.equals("_services._dns-sd._udp.local")) {
                count += record(records, qn, 12, nameBytes("_rtsp._tcp.local"));
                count += record(records, qn, 12, nameBytes("_http._tcp.local"));
            } else if (qn.equals("_rtsp._tcp.local") || qn.equals("_http._tcp.local")) {
                int port = qn.startsWith("_rtsp") ? 554 : HTTP_PORT;
                count += record(records, qn, 12, nameBytes(instance + "." + qn));
                ByteArrayOutputStream srv = new ByteArrayOutputStream();
                srv.write(new byte[]{0, 0, 0, 0, (byte) (port >> 8), (byte) port});
                srv.write(nameBytes(host));
                count += record(records, instance + "." + qn, 33, srv.toByteArray());
                count += record(records, instance + "." + qn, 16, txt("md=" + model, "path=/stream"));
                count += record(records, host, 1, address.getAddress());
            }
        }
        if (count == 0) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{q[0], q[1], (byte) 0x84, 0, 0, 0, (byte) (count >> 8), (byte) count, 0, 0, 0, 0});
        out.write(records.toByteArray());
        return out.toByteArray();
    }

    private static int record(ByteArrayOutputStream out, String owner, int type, byte[] rdata) throws IOException {
        out.write(nameBytes(owner));
        out.write(new byte[]{(byte) (type >> 8), (byte) type, 0, 1, 0, 0, 0, 120, (byte) (rdata.length >> 8), (byte) rdata.length});
        out.write(rdata);
        return 1;
    }

    private static byte[] nameBytes(String n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String label : n.split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.UTF_8);
            b.write(l.length);
            b.write(l, 0, l.length);
        }
        b.write(0);
        return b.toByteArray();
    }

    private static byte[] txt(String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] x = s.getBytes(StandardCharsets.UTF_8);
            b.write(x.length);
            b.write(x, 0, x.length);
        }
        return b.toByteArray();
    }

    // ---- WS-Discovery ----

    private byte[] wsd(byte[] req) {
        String text = new String(req, StandardCharsets.UTF_8);
        if (!text.contains("Probe") || text.contains("ProbeMatch")) return null;
        int a = text.indexOf("MessageID>");
        String rel = a < 0 ? "" : text.substring(a + 10, text.indexOf('<', a + 10));
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
                + "<SOAP-ENV:Header><wsa:RelatesTo>" + rel + "</wsa:RelatesTo>"
                + "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header>"
                + "<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>"
                + "<wsa:EndpointReference><wsa:Address>urn:uuid:" + name + "</wsa:Address></wsa:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
                + "<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/" + name
                + " onvif://www.onvif.org/hardware/" + model + "</d:Scopes>"
                + "<d:XAddrs>http://" + address.getHostAddress() + ":" + HTTP_PORT + "/onvif/device_service</d:XAddrs>"
                + "<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---- CoAP ----

    private byte[] coap(byte[] req) {
        if (req.length < 4 || (req[0] & 0xc0) != 0x40 || req[1] != 0x01) return null;
        int tkl = req[0] & 0x0f;
        byte[] payload = "</sensors/temp>;rt=\"temperature\",</light>;rt=\"light\"".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x50 | tkl);                 // NON, same token length
        out.write(0x45);                       // 2.05 Content
        out.write(req[2]);
        out.write(req[3]);
        out.write(req, 4, tkl);
        out.write(0xc1);                       // Content-Format (12), 1 byte
        out.write(40);                         // application/link-format
        out.write(0xff);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    // ---- SNMPv2c: answers sysDescr, sysObjectID, sysName whatever was asked, for community public ----

    private byte[] snmp(byte[] req) {
        // request: 30 L 02 01 01 04 06 "public" A0 L 02 n <id> ...
        int i = 2;
        if (req.length < 20 || req[0] != 0x30 || req[i] != 0x02) return null;
        i += 3;
        if (req[i] != 0x04) return null;
        int clen = req[i + 1];
        String community = new String(req, i + 2, clen, StandardCharsets.US_ASCII);
        if (!community.equals("public")) return null;
        i += 2 + clen;
        if ((req[i] & 0xff) != 0xa0) return null;
        i += 2;
        byte[] requestId = Arrays.copyOfRange(req, i, i + 2 + req[i + 1]);
        byte[] vbs = cat(
                seq(0x30, cat(oid(1, 3, 6, 1, 2, 1, 1, 1, 0), seq(0x04, ("Lab " + model + " firmware 1.0").getBytes(StandardCharsets.UTF_8)))),
                seq(0x30, cat(oid(1, 3, 6, 1, 2, 1, 1, 2, 0), oidValue(1, 3, 6, 1, 4, 1, 99999, 1))),
                seq(0x30, cat(oid(1, 3, 6, 1, 2, 1, 1, 5, 0), seq(0x04, name.getBytes(StandardCharsets.UTF_8)))));
        byte[] pdu = seq(0xa2, cat(requestId, new byte[]{2, 1, 0, 2, 1, 0}, seq(0x30, vbs)));
        return seq(0x30, cat(new byte[]{2, 1, 1}, seq(0x04, "public".getBytes(StandardCharsets.US_ASCII)), pdu));
    }

    private static byte[] oid(int... arcs) {
        return oidValue(arcs);
    }

    private static byte[] oidValue(int... arcs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(arcs[0] * 40 + arcs[1]);
        for (int k = 2; k < arcs.length; k++) {
            int v = arcs[k];
            if (v >= 128 * 128) b.write(0x80 | (v >> 14));
            if (v >= 128) b.write(0x80 | ((v >> 7) & 0x7f));
            b.write(v & 0x7f);
        }
        return seq(0x06, b.toByteArray());
    }

    private static byte[] seq(int tag, byte[] content) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        if (content.length > 127) {
            b.write(0x81);
        }
        b.write(content.length);
        b.write(content, 0, content.length);
        return b.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.write(p, 0, p.length);
        return b.toByteArray();
    }
}
