package dev.starprobe.evidence.pcap;

import dev.starprobe.evidence.CaptureFactory;
import dev.starprobe.evidence.CaptureSettings;
import dev.starprobe.evidence.CaptureUnavailableException;
import dev.starprobe.evidence.EvidenceCapture;
import org.pcap4j.core.PcapHandle;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Packet capture with libpcap through pcap4j. */
public final class PcapCaptureFactory implements CaptureFactory {
    private final LiveCaptureOpener opener;
    private final CaptureInterfaces interfaces;

    public PcapCaptureFactory() {
        this(LiveCaptureOpener.PCAP4J, new CaptureInterfaces());
    }

    public PcapCaptureFactory(LiveCaptureOpener opener, CaptureInterfaces interfaces) {
        this.opener = opener;
        this.interfaces = interfaces;
    }

    @Override
    public void preflight(List<InetAddress> addresses) throws CaptureUnavailableException {
        if (addresses.isEmpty()) return;
        Set<String> names = new LinkedHashSet<>();
        for (InetAddress a : addresses) names.add(interfaces.forAddress(a));
        for (String name : names) {
            try {
                PcapHandle h = opener.open(name, "host " + addresses.get(0).getHostAddress(), CaptureSettings.defaults());
                h.close();
            } catch (Exception | LinkageError e) {
                throw new CaptureUnavailableException(explain(name, e), e);
            }
        }
    }

    @Override
    public EvidenceCapture capture(CaptureSettings settings) {
        return new PcapEvidenceCapture(opener, interfaces, settings);
    }

    /** The user's next step, not just libpcap's words. */
    static String explain(String iface, Throwable e) {
        String msg = String.valueOf(e.getMessage());
        String low = msg.toLowerCase(Locale.ROOT);
        if (e instanceof LinkageError || low.contains("libpcap") || low.contains("unable to load library")) {
            return "libpcap is not available (" + msg + "); install it with 'apt-get install libpcap0.8'";
        }
        if (low.contains("operation not permitted") || low.contains("permission denied")) {
            return "no permission to capture packets on " + iface + " (" + msg + "); run as root or grant the JVM"
                    + " CAP_NET_RAW and CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin+eip $(readlink -f $(which java)))";
        }
        return "cannot capture packets on " + iface + ": " + msg;
    }
}
