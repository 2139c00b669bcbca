package dev.starprobe.lab.devices;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.RawTcp;
import dev.starprobe.lab.proto.SshService;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Set;

/** pc-generic: a general-purpose PC (out of JC-STAR scope): Ubuntu OpenSSH, SMB, RDP, Apache "It works!". */
public final class GenericPc extends AbstractDevice {
    public static final String NAME = "pc-generic";
    public static final String SSH_VERSION = "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5";

    public static final GroundTruth TRUTH = new GroundTruth(Category.EXCLUDED, StarLevel.NONE,
            List.of(ServiceTruth.tcp(22, "ssh"), ServiceTruth.tcp(80, "http"), ServiceTruth.tcp(445, "smb"),
                    ServiceTruth.tcp(3389, "rdp")),
            List.of(),
            "General-purpose IT is excluded from JC-STAR: the classifier must say EXCLUDED and run no STAR checks. "
                    + "Evidence: Ubuntu OpenSSH banner, SMB 445, RDP 3389, Apache default page.");

    public GenericPc() {
        super(NAME);
    }

    @Override
    public GroundTruth truth() {
        return TRUTH;
    }

    @Override
    protected void startServices(DeviceRuntime rt) throws Exception {
        SshService.bind(rt, SSH_VERSION, null, Set.of());
        HttpService.bind(rt, 80, "http", null, "Apache/2.4.58 (Ubuntu)", new HttpRoutes()
                .get("/", ex -> Responses.html(HttpResponseStatus.OK, "<!DOCTYPE html><html><head><title>Apache2 Ubuntu Default Page: "
                        + "It works</title></head><body><h1>It works!</h1><p>This is the default welcome page used to test the "
                        + "correct operation of the Apache2 server after installation on Ubuntu systems.</p></body></html>")));
        RawTcp.acceptThenClose(rt, 445, "smb");
        RawTcp.rdp(rt, 3389);
    }
}
