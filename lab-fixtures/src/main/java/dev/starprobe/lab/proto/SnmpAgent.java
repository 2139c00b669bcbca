package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.model.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An SNMP agent on snmp4j serving the system group (sysDescr ... sysLocation). Either v1/v2c with a read
 * and a write community (wrong community: no answer, recorded as a failed login), or v3 only with one USM
 * user (SHA / AES-128, authPriv); a v3-only agent has no v1/v2c message processing, so those get no answer.
 * All snmp4j state is per agent: nothing JVM-wide is registered.
 */
public final class SnmpAgent implements CommandResponder {
    public static final int PORT = 161;
    public static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    private static final OID SYS_CONTACT = new OID("1.3.6.1.2.1.1.4.0");
    private static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    public static final OID SYS_LOCATION = new OID("1.3.6.1.2.1.1.6.0");

    private final ServiceContext svc;
    private final String readCommunity;
    private final String writeCommunity;
    private final long startMillis = System.currentTimeMillis();
    private final ConcurrentSkipListMap<OID, Variable> mib = new ConcurrentSkipListMap<>();

    private SnmpAgent(ServiceContext svc, String readCommunity, String writeCommunity, String sysDescr, String sysName) {
        this.svc = svc;
        this.readCommunity = readCommunity;
        this.writeCommunity = writeCommunity;
        mib.put(SYS_DESCR, new OctetString(sysDescr));
        mib.put(new OID("1.3.6.1.2.1.1.2.0"), new OID("1.3.6.1.4.1.8072.3.2.10"));
        mib.put(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(0));
        mib.put(SYS_CONTACT, new OctetString("admin@router.lan"));
        mib.put(SYS_NAME, new OctetString(sysName));
        mib.put(SYS_LOCATION, new OctetString("Living room"));
        mib.put(new OID("1.3.6.1.2.1.1.7.0"), new Integer32(72));
    }

    /** A v1/v2c agent. */
    public static SnmpAgent startCommunity(DeviceRuntime rt, String read, String write, String sysDescr, String sysName)
            throws IOException {
        SnmpAgent agent = new SnmpAgent(new ServiceContext("snmp", PORT, rt.log()), read, write, sysDescr, sysName);
        MessageDispatcherImpl d = new MessageDispatcherImpl();
        d.addMessageProcessingModel(new MPv1());
        d.addMessageProcessingModel(new MPv2c());
        agent.listen(rt, d);
        return agent;
    }

    /** A v3-only agent with one authPriv user (SHA, AES-128). */
    public static SnmpAgent startV3(DeviceRuntime rt, Credentials user, String privPassword, String sysDescr, String sysName)
            throws IOException {
        SnmpAgent agent = new SnmpAgent(new ServiceContext("snmp", PORT, rt.log()), null, null, sysDescr, sysName);
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        byte[] engineId = MPv3.createLocalEngineID(new OctetString(rt.device()));
        USM usm = new USM(protocols, new OctetString(engineId), 0);
        OctetString name = new OctetString(user.user());
        usm.addUser(name, new UsmUser(name, AuthSHA.ID, new OctetString(user.password()), PrivAES128.ID, new OctetString(privPassword)));
        MessageDispatcherImpl d = new MessageDispatcherImpl();
        d.addMessageProcessingModel(new MPv3(engineId, null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), CounterSupport.getInstance()));
        agent.listen(rt, d);
        return agent;
    }

    private void listen(DeviceRuntime rt, MessageDispatcherImpl dispatcher) throws IOException {
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(rt.address(), PORT), true);
        Snmp snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(this);
        transport.listen();
        rt.register(Transport.UDP, PORT, snmp::close);
    }

    @Override
    public synchronized <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> e) {
        PDU pdu = e.getPDU();
        if (pdu == null) return;
        InetSocketAddress peer = e.getPeerAddress() instanceof UdpAddress u
                ? new InetSocketAddress(u.getInetAddress(), u.getPort()) : null;
        svc.log().record(dev.starprobe.lab.TrafficLog.Kind.CONNECTION, "snmp", PORT, peer, "", true);
        String principal = new String(e.getSecurityName(), StandardCharsets.UTF_8);
        boolean v3 = e.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv3;
        boolean v1 = e.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv1;
        boolean write = pdu.getType() == PDU.SET;
        boolean allowed = v3 || principal.equals(writeCommunity) || (!write && principal.equals(readCommunity));
        svc.login(peer, principal, v3 || principal.equals(readCommunity) || principal.equals(writeCommunity));
        e.setProcessed(true);
        if (!allowed) {
            if (write && principal.equals(readCommunity)) {
                svc.write(peer, "SET with read community " + pdu.getVariableBindings() + " refused", false);
                respond(e, error(pdu, v1 ? PDU.noSuchName : PDU.noAccess)); // RFC 3584 4.4: v1 knows no noAccess
            }
            return; // wrong community: silently dropped, as real agents do
        }
        svc.request(peer, PDU.getTypeString(pdu.getType()) + " " + pdu.getVariableBindings());
        mib.put(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks((System.currentTimeMillis() - startMillis) / 10));
        PDU response = (PDU) pdu.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(0);
        response.setErrorIndex(0);
        switch (pdu.getType()) {
            case PDU.GET -> {
                for (int i = 0; i < response.size(); i++) {
                    VariableBinding vb = response.get(i);
                    Variable v = mib.get(vb.getOid());
                    if (v != null) {
                        vb.setVariable(v);
                    } else if (!v1) {
                        vb.setVariable(Null.noSuchObject);
                    } else if (response.getErrorStatus() == PDU.noError) { // v1 has no exception values
                        response.setErrorStatus(PDU.noSuchName);
                        response.setErrorIndex(i + 1);
                    }
                }
            }
            case PDU.GETNEXT -> response.getVariableBindings().forEach(vb -> next(vb, vb.getOid()));
            case PDU.GETBULK -> {
                response.clear();
                int reps = Math.min(Math.max(pdu.getMaxRepetitions(), 1), 20);
                for (VariableBinding vb : pdu.getVariableBindings()) {
                    OID cur = vb.getOid();
                    for (int i = 0; i < reps; i++) {
                        VariableBinding n = new VariableBinding(cur);
                        next(n, cur);
                        response.add(n);
                        if (n.getVariable().equals(Null.endOfMibView)) break;
                        cur = n.getOid();
                    }
                }
            }
            case PDU.SET -> set(pdu, response, peer, v1);
            default -> response.setErrorStatus(PDU.genErr);
        }
        respond(e, response);
    }

    /**
     * A SET as RFC 3416 4.2.5 has it: every binding is checked first (a writable object, a DisplayString of at
     * most 255 octets) and only then are all applied, so a refused SET changes nothing. Errors take their v1
     * form for v1 requests (RFC 3584 4.4). Each applied binding is logged as a write with the value it replaced.
     *
     * When refused, {@code response} carries the error-status and index.
     */
    private void set(PDU pdu, PDU response, InetSocketAddress peer, boolean v1) {
        for (int i = 0; i < pdu.size(); i++) {
            VariableBinding vb = pdu.get(i);
            OID oid = vb.getOid();
            int status = !(oid.equals(SYS_CONTACT) || oid.equals(SYS_NAME) || oid.equals(SYS_LOCATION))
                    ? (v1 ? PDU.noSuchName : PDU.notWritable)
                    : !(vb.getVariable() instanceof OctetString text) ? (v1 ? PDU.badValue : PDU.wrongType)
                    : text.length() > 255 ? (v1 ? PDU.badValue : PDU.wrongLength) : PDU.noError;
            if (status != PDU.noError) {
                response.setErrorStatus(status);
                response.setErrorIndex(i + 1);
                svc.write(peer, "SET " + vb + " refused: " + PDU.toErrorStatusText(status), false);
                return;
            }
        }
        for (VariableBinding vb : pdu.getVariableBindings()) {
            Variable was = mib.put(vb.getOid(), vb.getVariable());
            svc.write(peer, "SET " + vb + " (was " + was + ")", true);
        }
    }

    private void next(VariableBinding vb, OID after) {
        Map.Entry<OID, Variable> n = mib.higherEntry(after);
        if (n == null) {
            vb.setVariable(Null.endOfMibView);
        } else {
            vb.setOid(n.getKey());
            vb.setVariable(n.getValue());
        }
    }

    private static PDU error(PDU pdu, int status) {
        PDU r = (PDU) pdu.clone();
        r.setType(PDU.RESPONSE);
        r.setErrorStatus(status);
        r.setErrorIndex(1);
        return r;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void respond(CommandResponderEvent e, PDU response) {
        try {
            e.getMessageDispatcher().returnResponsePdu(e.getMessageProcessingModel(), e.getSecurityModel(),
                    e.getSecurityName(), e.getSecurityLevel(), response, e.getMaxSizeResponsePDU(),
                    e.getStateReference(), new StatusInformation());
        } catch (Exception ignored) {
            // the requester is gone; nothing to do
        }
    }

    /** SNMP-COMMUNITY-MIB snmpCommunityName (RFC 3584), the column that holds the community strings themselves. */
    public static final OID COMMUNITY_NAME = new OID("1.3.6.1.6.3.18.1.1.1.2");
    private static final OID COMMUNITY_SECURITY_NAME = new OID("1.3.6.1.6.3.18.1.1.1.3");

    /**
     * Serves the agent's snmpCommunityTable in the view of the read community, as agents with a full
     * default view do: anyone who knows "public" then reads every community, the write one included.
     */
    public SnmpAgent withReadableCommunityTable() {
        int row = 0;
        for (String community : new String[] {readCommunity, writeCommunity}) {
            if (community == null) continue;
            OID index = new OctetString("t" + row++).toSubIndex(true); // IMPLIED snmpCommunityIndex
            mib.put(new OID(COMMUNITY_NAME).append(index), new OctetString(community));
            mib.put(new OID(COMMUNITY_SECURITY_NAME).append(index), new OctetString(community.equals(writeCommunity) ? "rwuser" : "rouser"));
        }
        return this;
    }

    /** The current value of sysDescr etc. (for tests of SET). */
    public Variable value(OID oid) {
        return mib.get(oid);
    }
}
