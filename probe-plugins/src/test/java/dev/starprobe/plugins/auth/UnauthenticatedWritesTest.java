package dev.starprobe.plugins.auth;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.ModbusClient;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.devices.HardenedBattery;
import dev.starprobe.lab.devices.HardenedGateway;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedSmartPlug;
import dev.starprobe.lab.devices.WeakBattery;
import dev.starprobe.lab.devices.WeakPlc;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.lab.devices.WeakSmartPlug;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.CoapService;
import dev.starprobe.model.Category;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The INTRUSIVE part of auth.unauthenticated-access: CoAP PUT, Modbus register writes and SNMP SETs with the
 * default communities, each putting back the value just read. Weak devices FAIL and end in the state they started in; hardened ones refuse; a SAFE
 * scan sends no write at all; hostile devices give INCONCLUSIVE in bounded time.
 */
class UnauthenticatedWritesTest {
    private static final Probe PROBE = Probe.load(null);
    private static final String ID = UnauthenticatedAccessCheck.ID;
    private static final Profile ONLY = new Profile("unauth", "unauthenticated access only", List.of(ID), List.of());
    private static final Set<Safety> INTRUSIVE = Set.of(Safety.SAFE, Safety.INTRUSIVE);

    private static Finding scan(Lab lab, String device, String tcp, String udp, Set<Safety> allowed, int port, Path out) {
        DeviceResult d = PROBE.scan(ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse(tcp))
                .withUdpPorts(PortSpec.parse(udp)).withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                .withAllowed(allowed).withProfile(ONLY)).devices().get(0);
        return d.findings().stream().filter(f -> f.checkId().equals(ID) && f.service() != null && f.service().port() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no " + ID + " on " + port + "; executions "
                        + d.executions().stream().filter(e -> e.checkId().equals(ID)).toList()));
    }

    private static int[] registers(Lab lab, String device, int address, int count) throws Exception {
        try (ModbusClient c = new ModbusClient(lab.address(device), 502)) {
            return c.readHolding(address, count);
        }
    }

    private static List<TrafficLog.Event> writes(Lab lab, String device) {
        return lab.traffic(device).events(TrafficLog.Kind.WRITE);
    }

    @Test
    void weakPlugAcceptsAPutOfItsOwnValueAndStaysAsItWas(@TempDir Path out) throws Exception {
        WeakSmartPlug plug = new WeakSmartPlug();
        try (Lab lab = Lab.start(List.of(plug))) {
            boolean before = plug.relayOn();
            Finding f = scan(lab, WeakSmartPlug.NAME, "1", "5683", INTRUSIVE, 5683, out);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("PUT /relay with its current value 'off' answered 2.04"), f.reason());
            assertTrue(f.reason().contains("re-read unchanged"), f.reason());
            assertEquals(before, plug.relayOn(), "the relay is where it was");
            List<TrafficLog.Event> w = writes(lab, WeakSmartPlug.NAME);
            assertEquals(1, w.size(), "one write, and only the value read back: " + w);
            assertEquals("PUT /relay off", w.get(0).detail());
            assertFalse(f.evidence().isEmpty());
        }
    }

    @Test
    void hardenedPlugRefusesAWriteOverDtlsWithoutItsPsk(@TempDir Path out) throws Exception {
        HardenedSmartPlug plug = new HardenedSmartPlug();
        try (Lab lab = Lab.start(List.of(plug))) {
            Finding f = scan(lab, HardenedSmartPlug.NAME, "1", "5684", INTRUSIVE, 5684, out);
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
            assertTrue(f.reason().contains("PUT /relay answered 4.01"), f.reason());
            assertFalse(plug.relayOn());
            assertTrue(writes(lab, HardenedSmartPlug.NAME).stream().noneMatch(TrafficLog.Event::success));
        }
    }

    @Test
    void weakPlcAcceptsARegisterWriteAndItsRegistersAreUnchanged(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakPlc()))) {
            int[] before = registers(lab, WeakPlc.NAME, 0, 12);
            Finding f = scan(lab, WeakPlc.NAME, "502", "1", INTRUSIVE, 502, out);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("holding register 0) took a function 06 write of its current value 1"), f.reason());
            assertTrue(f.reason().contains("unchanged, nothing to restore"), f.reason());
            assertArrayEquals(before, registers(lab, WeakPlc.NAME, 0, 12), "device state unchanged");
            List<TrafficLog.Event> w = writes(lab, WeakPlc.NAME);
            assertEquals(1, w.size(), "one write proves it: " + w);
        }
    }

    @Test
    void weakBatteryAcceptsASunSpecSettingWrittenBackUnchanged(@TempDir Path out) throws Exception {
        WeakBattery battery = new WeakBattery();
        try (Lab lab = Lab.start(List.of(battery))) {
            int[] before = registers(lab, WeakBattery.NAME, 40070, 20);
            Finding f = scan(lab, WeakBattery.NAME, "502", "1", INTRUSIVE, 502, out);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("SunSpec model 124 MinRsvPct (holding register 40077)"), f.reason());
            assertArrayEquals(before, registers(lab, WeakBattery.NAME, 40070, 20));
        }
    }

    @Test
    void readOnlyModbusIsInconclusiveNeverAPass(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedBattery(), new HardenedGateway()))) {
            for (String device : List.of(HardenedBattery.NAME, HardenedGateway.NAME)) {
                Finding f = scan(lab, device, "502", "1", INTRUSIVE, 502, out);
                assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
                assertTrue(f.reason().contains("refused") && f.reason().contains("exception 01 (illegal function)"), f.reason());
                assertTrue(writes(lab, device).stream().noneMatch(TrafficLog.Event::success));
            }
        }
    }

    @Test
    void weakRouterPrivateCommunityAcceptsASetOfItsOwnValueAndStaysAsItWas(@TempDir Path out) throws Exception {
        WeakRouter router = new WeakRouter();
        try (Lab lab = Lab.start(List.of(router))) {
            String before = router.sysLocation();
            Finding f = scan(lab, WeakRouter.NAME, "1", "161", INTRUSIVE, 161, out);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("write community 'private' accepts a SET: SET sysLocation.0 to its current value '"
                    + before + "' (v2c) answered noError (0); re-read '" + before + "': unchanged"), f.reason());
            assertTrue(f.reason().contains("community 'public' reads, but SET sysLocation.0 to its current value '" + before
                    + "' (v2c) was refused: noAccess (6)"), f.reason());
            assertEquals(before, router.sysLocation(), "sysLocation is what it was");
            List<TrafficLog.Event> applied = writes(lab, WeakRouter.NAME).stream().filter(TrafficLog.Event::success).toList();
            assertEquals(1, applied.size(), "one accepted SET, of the value read: " + writes(lab, WeakRouter.NAME));
            assertEquals("SET 1.3.6.1.2.1.1.6.0 = " + before + " (was " + before + ")", applied.get(0).detail());
            assertEquals(2, writes(lab, WeakRouter.NAME).size(), "public's SET refused, private's applied, nothing more");
            assertFalse(f.evidence().isEmpty());
        }
    }

    @Test
    void hardenedRouterAnswersNoDefaultCommunityAndGetsNoSet(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedRouter()))) {
            Finding f = scan(lab, HardenedRouter.NAME, "1", "161", INTRUSIVE, 161, out);
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
            assertTrue(f.reason().contains("no answer to a GET with any default community ('public', 'private', v2c and v1)"
                    + " while the agent answers SNMPv3 engine discovery"), f.reason());
            assertEquals(0, lab.traffic(HardenedRouter.NAME).writes());
        }
    }

    @Test
    void aSafeScanSendsNoWriteAndSaysWhy(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakSmartPlug(), new WeakPlc(), new WeakRouter()))) {
            Finding coap = scan(lab, WeakSmartPlug.NAME, "1", "5683", Set.of(Safety.SAFE), 5683, out);
            Finding modbus = scan(lab, WeakPlc.NAME, "502", "1", Set.of(Safety.SAFE), 502, out);
            Finding snmp = scan(lab, WeakRouter.NAME, "1", "161", Set.of(Safety.SAFE), 161, out);
            for (Finding f : List.of(coap, modbus, snmp)) {
                assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
                assertTrue(f.reason().startsWith("not run:") && f.reason().contains("--allow intrusive"), f.reason());
            }
            assertEquals(0, lab.traffic(WeakSmartPlug.NAME).writes());
            assertEquals(0, lab.traffic(WeakPlc.NAME).writes());
            assertEquals(0, lab.traffic(WeakRouter.NAME).writes());
            assertTrue(lab.traffic(WeakRouter.NAME).events(TrafficLog.Kind.REQUEST).stream()
                    .noneMatch(e -> e.detail().startsWith("SET")), "no SET reached the agent");
        }
    }

    /** Modbus that identifies and reads properly but answers a write with {@code onWrite} (garbage, or nothing). */
    static final class HostileModbus extends AbstractDevice {
        private final byte[] onWrite;

        HostileModbus(String name, byte[] onWrite) {
            super(name);
            this.onWrite = onWrite;
        }

        @Override
        public GroundTruth truth() {
            return new GroundTruth(Category.UNKNOWN, StarLevel.NONE, List.of(ServiceTruth.tcp(502, "modbus")), List.of(), "hostile");
        }

        @Override
        protected void startServices(DeviceRuntime rt) throws Exception {
            rt.bindTcp(502, "modbus", ch -> ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(260, 4, 2, 0, 0),
                    new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
                            int tid = in.getUnsignedShort(0);
                            int fc = in.getUnsignedByte(7);
                            ByteBuf o = Unpooled.buffer().writeShort(tid).writeShort(0);
                            switch (fc) {
                                case 3 -> ctx.writeAndFlush(o.writeShort(5).writeByte(1).writeByte(3).writeByte(2).writeShort(7));
                                case 6, 16 -> {
                                    rt.log().record(TrafficLog.Kind.WRITE, "modbus", 502, null, "function " + fc, false);
                                    if (onWrite.length > 0) ctx.writeAndFlush(Unpooled.wrappedBuffer(onWrite));
                                }
                                default -> ctx.writeAndFlush(o.writeShort(3).writeByte(1).writeByte(fc | 0x80).writeByte(1));
                            }
                        }
                    }));
        }
    }

    /** CoAP whose /relay reads fine but never answers a PUT. */
    static final class StallingCoap extends AbstractDevice {
        StallingCoap() {
            super("coap-stall");
        }

        @Override
        public GroundTruth truth() {
            return new GroundTruth(Category.UNKNOWN, StarLevel.NONE, List.of(ServiceTruth.udp(5683, "coap")), List.of(), "hostile");
        }

        @Override
        protected void startServices(DeviceRuntime rt) {
            CoapResource relay = new CoapResource("relay") {
                @Override
                public void handleGET(CoapExchange ex) {
                    ex.respond("on");
                }

                @Override
                public void handlePUT(CoapExchange ex) {
                    ex.accept(); // an empty ACK, then silence
                }
            };
            relay.getAttributes().addResourceType("core.a");
            CoapService.startUdp(rt, 5683, relay);
        }
    }

    /** UDP 161 that answers every datagram with a BER-looking prefix and then garbage: identified as SNMP, never a Response. */
    static final class GarbageSnmp extends AbstractDevice {
        GarbageSnmp() {
            super("snmp-garbage");
        }

        @Override
        public GroundTruth truth() {
            return new GroundTruth(Category.UNKNOWN, StarLevel.NONE, List.of(ServiceTruth.udp(161, "snmp")), List.of(), "hostile");
        }

        @Override
        protected void startServices(DeviceRuntime rt) throws Exception {
            rt.bindUdp(161, "snmp", new SimpleChannelInboundHandler<DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                    ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[]{0x30, 0x08, (byte) 0xff, 0x00,
                            'g', 'a', 'r', 'b', 'a', 'g'}), p.sender()));
                }
            });
        }
    }

    @Test
    void garbageFromAnSnmpPortIsInconclusive(@TempDir Path out) throws Exception {
        GarbageSnmp garbage = new GarbageSnmp();
        try (Lab lab = Lab.start(List.of(garbage))) {
            long t0 = System.nanoTime();
            Finding f = scan(lab, garbage.name(), "1", "161", INTRUSIVE, 161, out);
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("write access could not be judged") && f.reason().contains("no SNMP Response"), f.reason());
            assertTrue(seconds < 45, "took " + seconds + " s");
        }
    }

    @Test
    void hostileDevicesGiveInconclusiveInBoundedTime(@TempDir Path out) throws Exception {
        HostileModbus garbage = new HostileModbus("modbus-garbage", "\u0000\u0001garbage-not-modbus".getBytes());
        HostileModbus stall = new HostileModbus("modbus-stall", new byte[0]);
        StallingCoap coap = new StallingCoap();
        try (Lab lab = Lab.start(List.of(garbage, stall, coap))) {
            for (AbstractDevice d : List.of(garbage, stall, coap)) {
                long t0 = System.nanoTime();
                boolean isCoap = d == coap;
                Finding f = scan(lab, d.name(), isCoap ? "1" : "502", isCoap ? "5683" : "1", INTRUSIVE, isCoap ? 5683 : 502, out);
                long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
                assertEquals(Verdict.INCONCLUSIVE, f.verdict(), d.name() + ": " + f.reason());
                assertTrue(seconds < 45, d.name() + " took " + seconds + " s");
            }
        }
    }
}
