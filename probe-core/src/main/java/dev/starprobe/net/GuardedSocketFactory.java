package dev.starprobe.net;

import dev.starprobe.spi.NetworkException;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain sockets for blocking client libraries (OkHttp, Paho, commons-net) that still pass the scope
 * guard, hold a connection permit while open, record a transcript and get default timeouts.
 */
final class GuardedSocketFactory extends SocketFactory {
    private final DeviceNetwork net;

    GuardedSocketFactory(DeviceNetwork net) {
        this.net = net;
    }

    @Override
    public Socket createSocket() {
        GuardedSocket s = new GuardedSocket();
        net.track(s);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port), (int) net.runtime().settings().connectTimeout().toMillis());
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address, port);
    }

    final class GuardedSocket extends Socket {
        private DeviceNetwork.PermitPair permits;
        private BoundedTranscript transcript;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress isa) || isa.getAddress() == null) {
                throw new IOException("unresolved address: " + endpoint);
            }
            NetworkRuntime rt = net.runtime();
            rt.guard().check(isa.getAddress(), net.requestedBy());
            long waitMs = Math.max(timeout, rt.settings().connectTimeout().toMillis()) * DeviceNetwork.SLOT_WAIT_CONNECT_TIMEOUTS;
            var request = net.acquirePermits(isa.getAddress());
            try {
                permits = request.toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                DeviceNetwork.abandon(request);
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            } catch (ExecutionException | TimeoutException e) {
                DeviceNetwork.abandon(request);
                throw new NetworkException(dev.starprobe.model.NetworkFailure.CONNECT_TIMEOUT,
                        "no connection slot for " + isa + " within " + waitMs + " ms");
            }
            transcript = new BoundedTranscript(isa.getAddress().getHostAddress() + ":" + isa.getPort(),
                    rt.settings().transcriptCap());
            try {
                super.connect(endpoint, timeout > 0 ? timeout : (int) rt.settings().connectTimeout().toMillis());
                if (getSoTimeout() == 0) setSoTimeout((int) rt.settings().ioTimeout().toMillis());
            } catch (IOException e) {
                releasePermits();
                throw Failures.toNetworkException(e);
            }
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) transcript.record(dev.starprobe.spi.Transcript.Direction.RECEIVED, b, off, n);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    transcript.record(dev.starprobe.spi.Transcript.Direction.SENT, b, off, len);
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[]{(byte) b}, 0, 1);
                }
            };
        }

        public dev.starprobe.spi.Transcript transcript() {
            return transcript;
        }

        private synchronized void releasePermits() {
            if (permits != null) {
                permits.close();
                permits = null;
            }
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                releasePermits();
            }
        }
    }
}
