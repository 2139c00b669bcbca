package dev.starprobe.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A tiny loopback TCP server for tests: runs a behaviour per connection and records how many
 * connections were open at once, so politeness can be asserted.
 */
public final class LoopbackServer implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    public LoopbackServer(String address, BiConsumer<Socket, OutputStream> behaviour) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 200);
        pool.submit(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                accepted.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                pool.submit(() -> {
                    try {
                        behaviour.accept(s, s.getOutputStream());
                    } catch (IOException ignored) {
                        // peer went away
                    } finally {
                        open.decrementAndGet(); // before the close: the peer may reconnect as soon as it sees our FIN
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // already gone
                        }
                    }
                });
            }
        });
    }

    /** Sends {@code banner}, then waits until the client closes. */
    public static BiConsumer<Socket, OutputStream> banner(byte[] banner) {
        return (s, out) -> {
            try {
                out.write(banner);
                out.flush();
                while (s.getInputStream().read() >= 0) {
                    // drain until the client closes
                }
            } catch (IOException ignored) {
                // closed
            }
        };
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
