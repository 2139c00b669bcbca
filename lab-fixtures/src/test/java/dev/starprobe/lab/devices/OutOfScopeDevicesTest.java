package dev.starprobe.lab.devices;

import static dev.starprobe.lab.TestClients.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.starprobe.lab.Lab;
import dev.starprobe.model.Category;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class OutOfScopeDevicesTest {

    @Test
    void genericPcLooksLikeAnUbuntuDesktop() throws Exception {
        GenericPc pc = new GenericPc();
        assertEquals(Category.EXCLUDED, pc.truth().category());
        try (Lab lab = Lab.start(List.of(pc))) {
            InetAddress a = lab.address(GenericPc.NAME);
            try (Socket s = connect(a, 22)) {
                assertEquals("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n", readUntil(s.getInputStream(), "\r\n", 256));
            }
            HttpResponse<String> r = get(http(), url("http", a, 80, "/"));
            assertTrue(r.body().contains("It works!"));
            assertEquals("Apache/2.4.58 (Ubuntu)", r.headers().firstValue("Server").orElseThrow());
            try (Socket s = connect(a, 445)) {
                assertEquals(-1, s.getInputStream().read());
            }
            try (Socket s = connect(a, 3389)) {
                byte[] cr = {0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xe0, 0, 0, 0, 0, 0, 0x01, 0x00, 0x08, 0x00, 0x03, 0, 0, 0};
                s.getOutputStream().write(cr);
                byte[] cc = s.getInputStream().readNBytes(19);
                assertEquals(0x03, cc[0]);
                assertEquals((byte) 0xd0, cc[5], "X.224 Connection Confirm");
                assertEquals(0x02, cc[11], "RDP_NEG_RSP");
            }
        }
    }

    @Test
    void unknownDeviceSendsOpaqueBanner() throws Exception {
        try (Lab lab = Lab.start(List.of(new UnknownDevice()))) {
            try (Socket s = connect(lab.address(UnknownDevice.NAME), UnknownDevice.PORT)) {
                assertArrayEquals(UnknownDevice.BANNER, s.getInputStream().readNBytes(UnknownDevice.BANNER.length));
            }
        }
    }
}
