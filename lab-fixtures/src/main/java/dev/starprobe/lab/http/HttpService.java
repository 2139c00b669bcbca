package dev.starprobe.lab.http;

import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.net.ServiceContext;
import dev.starprobe.lab.tls.TlsProfile;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;

/** Binds an HTTP or HTTPS server (Netty's HTTP codec) that hands every request to one handler. */
public final class HttpService {
    /** Largest request body a simulated device accepts. */
    public static final int MAX_BODY = 64 * 1024;

    private HttpService() {}

    /**
     * @param tls null for plain HTTP
     * @param serverHeader the Server header the device sends, or null for none
     */
    public static ServiceContext bind(DeviceRuntime rt, int port, String service, TlsProfile tls, String serverHeader,
                                      HttpHandler handler) throws InterruptedException {
        ServiceContext svc = new ServiceContext(service, port, rt.log());
        rt.bindTcp(port, service, ch -> {
            if (tls != null) tls.install(ch, svc);
            ch.pipeline().addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS));
            ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192));
            ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
            ch.pipeline().addLast(new HttpDispatcher(svc, tls != null, serverHeader, handler));
        });
        return svc;
    }
}
