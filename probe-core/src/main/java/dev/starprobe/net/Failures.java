package dev.starprobe.net;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.NetworkException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.TimeoutException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps the many ways sockets fail onto {@link NetworkFailure}, so reports speak one language. */
public final class Failures {
    private Failures() {
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static NetworkFailure classify(Throwable t) {
        t = unwrap(t);
        if (t instanceof NetworkException ne) return ne.failure();
        if (t instanceof ConnectTimeoutException) return NetworkFailure.CONNECT_TIMEOUT;
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException) return NetworkFailure.IO_TIMEOUT;
        if (t instanceof NoRouteToHostException) return NetworkFailure.UNREACHABLE;
        if (t instanceof PortUnreachableException) return NetworkFailure.REFUSED;
        if (t instanceof SSLException || (t instanceof DecoderException && t.getCause() instanceof SSLException)) {
            return NetworkFailure.HANDSHAKE_ERROR;
        }
        if (t instanceof ClosedChannelException) return NetworkFailure.RESET;
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("refused")) return NetworkFailure.REFUSED;
        if (m.contains("no route") || m.contains("unreachable") || m.contains("host is down")) return NetworkFailure.UNREACHABLE;
        if (m.contains("reset") || m.contains("broken pipe")) return NetworkFailure.RESET;
        if (m.contains("timed out")) return NetworkFailure.CONNECT_TIMEOUT;
        if (t instanceof ConnectException) return NetworkFailure.REFUSED;
        return NetworkFailure.OTHER;
    }

    public static NetworkException toNetworkException(Throwable t) {
        t = unwrap(t);
        if (t instanceof NetworkException ne) return ne;
        return new NetworkException(classify(t), String.valueOf(t.getMessage()), t);
    }
}
