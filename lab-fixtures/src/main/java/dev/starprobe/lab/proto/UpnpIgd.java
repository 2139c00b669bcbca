package dev.starprobe.lab.proto;

import dev.starprobe.lab.devices.DeviceIdentity;
import dev.starprobe.lab.http.HttpExchange;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UPnP Internet Gateway Device: the description /rootDesc.xml and the WANIPConnection control URL. An
 * open IGD executes AddPortMapping from anyone on the LAN; a closed one answers UPnPError 606 (Action not
 * authorized) to every state-changing action.
 */
public final class UpnpIgd {
    public static final int PORT = 49152;
    public static final String DESCRIPTION = "/rootDesc.xml";
    public static final String CONTROL = "/ctl/IPConn";
    public static final String SERVER = "Linux/4.14 UPnP/1.1 MiniUPnPd/2.2.1";
    private static final String WANIP = "urn:schemas-upnp-org:service:WANIPConnection:1";

    /** A port mapping the IGD accepted. */
    public record Mapping(String protocol, int externalPort, String internalClient, int internalPort, String description) {}

    private final DeviceIdentity id;
    private final String uuid;
    private final boolean allowsMappings;
    private final List<Mapping> mappings = new CopyOnWriteArrayList<>();

    public UpnpIgd(DeviceIdentity id, String uuid, boolean allowsMappings) {
        this.id = id;
        this.uuid = uuid;
        this.allowsMappings = allowsMappings;
    }

    public String uuid() {
        return uuid;
    }

    public List<Mapping> mappings() {
        return List.copyOf(mappings);
    }

    public HttpRoutes routes() {
        return new HttpRoutes().get(DESCRIPTION, this::description).post(CONTROL, this::control)
                .get("/WANIPCn.xml", ex -> Responses.xml(HttpResponseStatus.OK, scpd()));
    }

    private FullHttpResponse description(HttpExchange ex) {
        String base = "http://" + ex.host() + ":" + ex.service().port();
        return Responses.xml(HttpResponseStatus.OK, "<?xml version=\"1.0\"?>"
                + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><specVersion><major>1</major><minor>0</minor></specVersion>"
                + "<URLBase>" + base + "</URLBase>"
                + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
                + "<friendlyName>" + id.model() + " Router</friendlyName>"
                + "<manufacturer>" + id.manufacturer() + "</manufacturer><modelName>" + id.model() + "</modelName>"
                + "<modelNumber>" + id.hardware() + "</modelNumber><serialNumber>" + id.serial() + "</serialNumber>"
                + "<UDN>uuid:" + uuid + "</UDN><deviceList><device>"
                + "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType><friendlyName>WANDevice</friendlyName>"
                + "<UDN>uuid:" + uuid + "-wan</UDN><deviceList><device>"
                + "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>"
                + "<friendlyName>WANConnectionDevice</friendlyName><UDN>uuid:" + uuid + "-wanconn</UDN>"
                + "<serviceList><service><serviceType>" + WANIP + "</serviceType>"
                + "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><SCPDURL>/WANIPCn.xml</SCPDURL>"
                + "<controlURL>" + CONTROL + "</controlURL><eventSubURL>/evt/IPConn</eventSubURL></service></serviceList>"
                + "</device></deviceList></device></deviceList>"
                + "<presentationURL>http://" + ex.host() + "/</presentationURL></device></root>");
    }

    private static String scpd() {
        return "<?xml version=\"1.0\"?><scpd xmlns=\"urn:schemas-upnp-org:service-1-0\"><specVersion><major>1</major>"
                + "<minor>0</minor></specVersion><actionList>"
                + "<action><name>AddPortMapping</name></action><action><name>DeletePortMapping</name></action>"
                + "<action><name>GetExternalIPAddress</name></action></actionList></scpd>";
    }

    private FullHttpResponse control(HttpExchange ex) {
        String soapAction = String.valueOf(ex.header("SOAPAction")).replace("\"", "");
        String action = soapAction.contains("#") ? soapAction.substring(soapAction.indexOf('#') + 1) : "";
        String body = ex.body();
        switch (action) {
            case "GetExternalIPAddress" -> {
                return soap("GetExternalIPAddressResponse", "<NewExternalIPAddress>198.51.100.7</NewExternalIPAddress>");
            }
            case "AddPortMapping", "DeletePortMapping" -> {
                if (!allowsMappings) {
                    ex.service().write(ex.peer(), action + " refused", false);
                    return upnpError(606, "Action not authorized");
                }
                Map<String, String> a = args(body);
                if (action.equals("AddPortMapping")) {
                    try {
                        mappings.add(new Mapping(a.getOrDefault("NewProtocol", "TCP"),
                                Integer.parseInt(a.getOrDefault("NewExternalPort", "0")), a.getOrDefault("NewInternalClient", ""),
                                Integer.parseInt(a.getOrDefault("NewInternalPort", "0")), a.getOrDefault("NewPortMappingDescription", "")));
                    } catch (NumberFormatException e) {
                        ex.service().write(ex.peer(), action + " invalid args", false);
                        return upnpError(402, "Invalid Args");
                    }
                } else {
                    // a real IGD removes the mapping; probes that restore state rely on it
                    String port = a.getOrDefault("NewExternalPort", "");
                    String proto = a.getOrDefault("NewProtocol", "TCP");
                    mappings.removeIf(m -> String.valueOf(m.externalPort()).equals(port) && m.protocol().equalsIgnoreCase(proto));
                }
                ex.service().write(ex.peer(), action + " " + a, true);
                return soap(action + "Response", "");
            }
            default -> {
                return upnpError(401, "Invalid Action");
            }
        }
    }

    private static Map<String, String> args(String body) {
        Map<String, String> m = new java.util.HashMap<>();
        Matcher x = Pattern.compile("<(New\\w+)>([^<]*)</\\1>").matcher(body);
        while (x.find()) m.put(x.group(1), x.group(2));
        return m;
    }

    private static FullHttpResponse soap(String element, String inner) {
        return Responses.xml(HttpResponseStatus.OK, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + element + " xmlns:u=\"" + WANIP + "\">"
                + inner + "</u:" + element + "></s:Body></s:Envelope>");
    }

    private static FullHttpResponse upnpError(int code, String text) {
        return Responses.xml(HttpResponseStatus.INTERNAL_SERVER_ERROR, "<?xml version=\"1.0\"?><s:Envelope "
                + "xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
                + "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" + code + "</errorCode>"
                + "<errorDescription>" + text + "</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>");
    }
}
