package dev.starprobe.net;

import dev.starprobe.spi.DatagramSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A requester that ends (a check past its budget) while it waits for one of the device's connection
 * slots must not leave that slot taken once it is granted: a leak per timed-out wait starves the
 * device for the rest of the scan.
 */
class DeviceNetworkPermitTest {
    private static final String ADDR = "127.0.0.1";
    private NetworkRuntime rt;

    @AfterEach
    void close() {
        if (rt != null) rt.close();
    }

    @Test
    void aSlotGrantedAfterTheWaiterEndedGoesBackToTheDevice() throws Exception {
        rt = new NetworkRuntime(NetSettings.defaults().withPerDevice(1, 0), new ScopeGuard(List.of(Cidr.parse(ADDR)), false));
        InetAddress device = InetAddress.getByName(ADDR);
        DeviceNetwork holder = rt.forDevice(device, "holder");
        DatagramSession held = holder.udp(9).toCompletableFuture().get(5, TimeUnit.SECONDS);

        DeviceNetwork late = rt.forDevice(device, "timed-out check");
        CompletableFuture<DatagramSession> waiting = late.udp(9).toCompletableFuture();
        late.close();             // the check's budget ran out while it waited
        held.close();             // the slot frees up afterwards

        assertThrows(Exception.class, () -> waiting.get(5, TimeUnit.SECONDS), "the ended requester gets no session");
        DeviceNetwork next = rt.forDevice(device, "next check");
        DatagramSession s = next.udp(9).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, rt.limiterFor(device).inFlight(), "exactly the new session holds the device's only slot");
        s.close();
        next.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rt.limiterFor(device).inFlight() != 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(0, rt.limiterFor(device).inFlight());
    }

    @Test
    void aSlotThatNeverFreesEndsTheWaitAsAConnectTimeoutAndALateGrantGoesBack() throws Exception {
        NetSettings base = NetSettings.defaults().withPerDevice(1, 0);
        NetSettings s = new NetSettings(base.maxInFlightPerDevice(), base.perSecondPerDevice(), base.minGapNanos(),
                base.globalMaxInFlight(), base.globalPerSecond(), java.time.Duration.ofMillis(30), base.ioTimeout(),
                base.readBufferCap(), base.transcriptCap(), base.eventLoopThreads(), base.blockingThreads(), base.preferEpoll());
        rt = new NetworkRuntime(s, new ScopeGuard(List.of(Cidr.parse(ADDR)), false));
        InetAddress device = InetAddress.getByName(ADDR);
        DatagramSession held = rt.forDevice(device, "holder").udp(9).toCompletableFuture().get(5, TimeUnit.SECONDS);
        DeviceNetwork waiter = rt.forDevice(device, "waiter");
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> waiter.udp(9).toCompletableFuture().get(5, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(String.valueOf(e.getCause()).contains("no connection slot"), e.toString());
        assertTrue(ms < 4000, "bounded by 40 connect timeouts of 30 ms, took " + ms + " ms");
        held.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rt.limiterFor(device).inFlight() != 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(0, rt.limiterFor(device).inFlight(), "the slot granted to the given-up wait went back");
    }

    /**
     * Regression: the bound of every slot wait once stayed scheduled for its full 120 s after the slot was
     * granted (and ran on a thread of its own); a full port scan's 65,535 waits then piled up timers and
     * threads until timeouts were lost and a whole-lab scan never ended.
     */
    @Test
    void aGrantedWaitLeavesNoTimeoutBehind() throws Exception {
        rt = new NetworkRuntime(NetSettings.defaults().withPerDevice(1, 0), new ScopeGuard(List.of(Cidr.parse(ADDR)), false));
        var timer = (java.util.concurrent.ScheduledThreadPoolExecutor) rt.timer();
        InetAddress device = InetAddress.getByName(ADDR);
        DeviceNetwork net = rt.forDevice(device, "portscan");
        var held = net.permitsFor(device).toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<CompletableFuture<DeviceNetwork.PermitPair>> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) waits.add(net.permitsFor(device).toCompletableFuture());
        assertTrue(timer.getQueue().size() >= 2000, "each waiting request is bounded on the runtime's timer: "
                + timer.getQueue().size());
        held.close();
        for (var w : waits) w.get(5, TimeUnit.SECONDS).close();
        int pending = timer.getQueue().size();
        assertTrue(pending < 10, pending + " timeouts still scheduled after every wait was granted");
        assertEquals(0, rt.limiterFor(device).inFlight());
    }

    @Test
    void aSessionOpenedForAnEndedRequesterIsClosedAtOnce() throws Exception {
        rt = new NetworkRuntime(NetSettings.defaults().withPerDevice(2, 0), new ScopeGuard(List.of(Cidr.parse(ADDR)), false));
        InetAddress device = InetAddress.getByName(ADDR);
        DeviceNetwork net = rt.forDevice(device, "check");
        net.close();
        CompletionException e = assertThrows(CompletionException.class, () -> net.udp(9).toCompletableFuture().join());
        assertTrue(String.valueOf(e.getCause().getMessage()).contains("ended before a connection slot"), e.toString());
        assertEquals(0, rt.limiterFor(device).inFlight());
    }
}
