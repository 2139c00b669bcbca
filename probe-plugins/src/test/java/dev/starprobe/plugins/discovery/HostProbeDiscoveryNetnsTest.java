package dev.starprobe.plugins.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starprobe.lab.netns.NetnsLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ICMP echo and TCP connect host discovery from the probe namespace of a namespace LAN: three device
 * namespaces (no listeners: every TCP port answers RST) among 250 unused addresses of the /24.
 */
class HostProbeDiscoveryNetnsTest {
    private static final Duration T = Duration.ofSeconds(90);

    @RegisterExtension
    static NetnsLab lab = NetnsLab.devices(3, "198.18.33");

    private static NetnsLab.Exec run(List<String> prefix, String methods) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(NetnsLab.java(DiscoverMain.class.getName(), lab.probeInterface(), methods, "1000", "1000"));
        NetnsLab.Exec r = lab.execInProbe(cmd, T);
        assertEquals(0, r.exit(), r.stderr());
        System.out.println(methods + " sweep of " + lab.cidr() + " at 1000 pps: " + r.stderr().strip());
        return r;
    }

    private static Set<String> addresses(JsonNode inv) {
        Set<String> out = new TreeSet<>();
        inv.path("devices").forEach(d -> out.add(d.path("address").asText()));
        return out;
    }

    private static Set<String> expected() {
        Set<String> out = new TreeSet<>();
        for (int i = 1; i <= lab.deviceCount(); i++) out.add(lab.deviceAddress(i));
        return out;
    }

    @Test
    void icmpEchoFindsExactlyTheLiveHosts() throws Exception {
        JsonNode inv = DiscoverMain.inventory(run(List.of(), "icmp").stdout());
        assertEquals("COMPLETED", inv.path("methods").get(0).path("status").asText(), inv.path("methods").toString());
        assertEquals(expected(), addresses(inv));
        inv.path("devices").forEach(d -> assertTrue(d.path("hints").path("icmp.echo").asText().startsWith("reply in")));
    }

    @Test
    void tcpConnectCountsARefusalAsAHostThatIsUp() throws Exception {
        JsonNode inv = DiscoverMain.inventory(run(List.of(), "tcp").stdout());
        assertEquals("COMPLETED", inv.path("methods").get(0).path("status").asText(), inv.path("methods").toString());
        assertEquals(expected(), addresses(inv));
        inv.path("devices").forEach(d -> assertEquals("80/tcp closed (RST)", d.path("hints").path("tcp.ping").asText(),
                "the first port already answered: no other port was tried"));
    }

    @Test
    void withoutRawSocketPrivilegeIcmpSaysSoInsteadOfProbingPort7() throws Exception {
        NetnsLab.Exec r = run(List.of("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw"), "icmp");
        JsonNode method = DiscoverMain.inventory(r.stdout()).path("methods").get(0);
        assertEquals("ERROR", method.path("status").asText(), method.toString());
        assertTrue(method.path("message").asText().contains("CAP_NET_RAW"), method.toString());
    }

    @Test
    void privilegeIsReadFromTheEffectiveCapabilities(@TempDir Path dir) throws Exception {
        Path root = Files.writeString(dir.resolve("root"), "Name:\tjava\nCapEff:\t000001ffffffffff\n");
        Path dropped = Files.writeString(dir.resolve("dropped"), "Name:\tjava\nCapEff:\t000001ffffffdfff\n");
        Path none = Files.writeString(dir.resolve("none"), "Name:\tjava\n");
        assertTrue(IcmpEchoDiscoverer.hasRawSocketPrivilege(root));
        assertFalse(IcmpEchoDiscoverer.hasRawSocketPrivilege(dropped));
        assertFalse(IcmpEchoDiscoverer.hasRawSocketPrivilege(none));
        assertFalse(IcmpEchoDiscoverer.hasRawSocketPrivilege(dir.resolve("absent")));
    }
}
