package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * FTP USER/PASS (RFC 959) on a fresh control connection per attempt: 230 is a session, 530 a refusal, 421 or
 * "too many"/"locked" text (also as the greeting) a lockout. The data file's {@code @ftp} entries (anonymous)
 * come first. Servers behind PAM faillock refuse a locked-out account with the same 530, so a lockout needs a
 * valid credential to show.
 */
final class FtpLoginSurface implements LoginSurface {
    private static final Pattern LOCK_TEXT = Pattern.compile("too many|locked|try again later|temporarily", Pattern.CASE_INSENSITIVE);
    private static final int REPLY_CAP = 8192;

    private final CheckContext ctx;
    private final int port;

    private FtpLoginSurface(CheckContext ctx, int port) {
        this.ctx = ctx;
        this.port = port;
    }

    static List<LoginSurface> find(CheckContext ctx, Service svc) {
        return List.of(new FtpLoginSurface(ctx, svc.port()));
    }

    @Override
    public String describe() {
        return "FTP USER/PASS on port " + port;
    }

    @Override
    public String kind() {
        return "ftp";
    }

    @Override
    public boolean lockoutVisibleWithoutCredential() {
        return false;
    }

    @Override
    public Observation attempt(String user, String password) throws IOException {
        try (Socket s = ctx.net().socketFactory().createSocket(ctx.device().address(), port)) {
            s.setSoTimeout((int) ctx.options().ioTimeout().toMillis());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String greeting = reply(in);
            if (!greeting.startsWith("220")) return answer(greeting, "greeting");
            String r = command(in, out, "USER " + user);
            if (r.startsWith("331") || r.startsWith("332")) r = command(in, out, "PASS " + password);
            Observation o = answer(r, "login");
            command(in, out, "QUIT");
            return o;
        }
    }

    private static Observation answer(String reply, String step) {
        String code = reply.length() >= 3 ? reply.substring(0, 3) : "none";
        boolean lock = code.equals("421") || LOCK_TEXT.matcher(reply).find();
        return new Observation(code, code.equals("230"), lock, step + " answered '" + Surfaces.printable(reply) + "'");
    }

    private static String command(InputStream in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply(in);
    }

    /** One reply, multi-line ("123-" ... "123 ") included, capped; empty when the server closed. */
    private static String reply(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while (all.size() < REPLY_CAP && (b = in.read()) >= 0) {
            all.write(b);
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String l = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (l.length() >= 4 && Character.isDigit(l.charAt(0)) && l.charAt(3) == ' ') break;
            if (l.length() == 4 && Character.isDigit(l.charAt(0))) break;
        }
        return all.toString(StandardCharsets.UTF_8).strip();
    }
}
