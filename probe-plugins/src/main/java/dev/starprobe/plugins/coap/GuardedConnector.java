package dev.starprobe.plugins.coap;

import dev.starprobe.spi.Network;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.TranscriptRecorder;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts a Californium or Scandium connector (which opens its own UDP socket) under the engine's
 * rules: every outgoing datagram passes the scope guard, the connector holds one slot of the
 * device's connection budget while it runs, and plaintext CoAP messages are transcribed.
 */
public final class GuardedConnector implements Connector {
    private static final long SLOT_WAIT_SECONDS = 30;

    private final Connector delegate;
    private final Network net;
    private final TranscriptRecorder transcript;
    private AutoCloseable slot;

    public GuardedConnector(Connector delegate, Network net, String peer) {
        this.delegate = delegate;
        this.net = net;
        this.transcript = net.recorder(peer + " (" + delegate.getProtocol() + ", application layer)");
    }

    @Override
    public synchronized void start() throws IOException {
        if (slot == null) {
            try {
                slot = net.reserve().toCompletableFuture().get(SLOT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for a connection slot");
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("no connection slot: " + e.getMessage(), e);
            }
        }
        delegate.start();
    }

    @Override
    public synchronized void stop() {
        delegate.stop();
        releaseSlot();
    }

    @Override
    public synchronized void destroy() {
        delegate.destroy();
        releaseSlot();
    }

    private void releaseSlot() {
        if (slot != null) {
            try {
                slot.close();
            } catch (Exception ignored) {
                // releasing a permit cannot fail meaningfully
            }
            slot = null;
        }
    }

    @Override
    public void send(RawData msg) {
        try {
            net.admit(msg.getInetSocketAddress());
        } catch (NetworkException refused) {
            transcript.event("refused by scope guard: " + msg.getInetSocketAddress());
            msg.onError(refused);
            return;
        }
        transcript.sent(msg.getBytes());
        delegate.send(msg);
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        delegate.setRawDataReceiver(raw -> {
            transcript.received(raw.getBytes());
            receiver.receiveData(raw);
        });
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        delegate.setEndpointContextMatcher(matcher);
    }

    @Override
    public InetSocketAddress getAddress() {
        return delegate.getAddress();
    }

    @Override
    public String getProtocol() {
        return delegate.getProtocol();
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        delegate.processDatagram(datagram);
    }
}
